// Runs @doyensec/electronegativity over one directory with no network, and writes what it found as JSON.
//
//   node tests/support/electronegativity-scan.mjs <input-dir> <electron-version> <result.json> [ExcludedCheck,...]
//
// Plain JavaScript run by plain `node` in a child process (tests/integration/electronegativity.test.ts starts it):
// the scanner is CommonJS that stores `__` on globalThis and calls process.exit() on a bad check name, so it gets a
// process of its own that the test can also kill if it ever hangs.
//
// Offline: electronegativity fetches two things over the network, both through `got`:
// - its translations (locales/i18n.js, at every start); a 404 makes it keep the en-US strings it ships with;
// - Electron's release list, for AvailableSecurityFixesGlobalCheck; the caller excludes that check, and any
//   request other than the translations fails at once.
// So `got` is replaced in the require cache before the scanner loads. Nothing here opens a socket.

import { writeFileSync } from 'node:fs'
import Module, { createRequire } from 'node:module'
import { dirname, relative, resolve } from 'node:path'

const [input, electronVersion, resultPath, excluded = ''] = process.argv.slice(2)
if (!input || !electronVersion || !resultPath) {
  console.error('usage: electronegativity-scan.mjs <input-dir> <electron-version> <result.json> [ExcludedCheck,...]')
  process.exit(2)
}

const require = createRequire(import.meta.url)
const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'))
const gotPath = require.resolve('got', { paths: [scannerDir] })

const networkRequests = []
function offlineGot(url) {
  networkRequests.push(String(url))
  // Only the translation download is answered (404: keep the bundled en-US); everything else fails loudly.
  if (String(url).endsWith('.json') && String(url).includes('electronegativity-i18n')) {
    return Promise.resolve({ statusCode: 404, body: '' })
  }
  return Promise.reject(new Error(`electronegativity-scan: network is off (${url})`))
}
offlineGot.head = offlineGot
offlineGot.get = offlineGot
const stub = new Module(gotPath)
stub.filename = gotPath
stub.loaded = true
stub.exports = offlineGot
require.cache[gotPath] = stub

const run = require(resolve(scannerDir, 'dist/runner.js'))
const { list_files: listFiles } = require(resolve(scannerDir, 'dist/util'))

// The global checks consume the per-file findings they depend on (a CSP found in a <meta> tag, say) and report only
// their verdict, so keep a copy of what they were given: the caller can then see that a policy was found at all.
const { GlobalChecks } = require(resolve(scannerDir, 'dist/finder/globalchecks.js'))
const getResults = GlobalChecks.prototype.getResults
let perFileFindings = []
GlobalChecks.prototype.getResults = function (issues, output) {
  perFileFindings = issues.map((issue) => ({ ...issue }))
  return getResults.call(this, issues, output)
}

const root = resolve(input)
const files = (await listFiles(root)).map((file) => relative(root, file)).sort()
const result = await run({
  input: root,
  electronVersionOverride: electronVersion,
  excludeFromScan: excluded ? excluded.split(',') : [],
  customScan: [],
  isRelative: true,
  parserPlugins: []
})

/** A finding as plain JSON; `file` relative to the scanned folder ("N/A" for an app-wide one). */
function finding(issue, file) {
  return {
    id: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    file,
    line: issue.location.line,
    column: issue.location.column,
    sample: issue.sample ?? null,
    description: issue.description,
    manualReview: Boolean(issue.manualReview),
    properties: issue.properties ?? null
  }
}

writeFileSync(
  resultPath,
  JSON.stringify(
    {
      atomicChecks: result.atomicChecks,
      globalChecks: result.globalChecks,
      files,
      networkRequests,
      errors: result.errors.map((e) => ({ file: relative(root, e.file), message: e.message, tolerable: e.tolerable })),
      issues: result.issues.map((issue) => finding(issue, issue.file)),
      perFileFindings: perFileFindings.map((issue) => finding(issue, relative(root, issue.file)))
    },
    null,
    2
  )
)
