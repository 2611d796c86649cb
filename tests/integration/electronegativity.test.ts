/**
 * @doyensec/electronegativity over what the app ships: no HIGH or MEDIUM finding beyond the few reviewed below.
 *
 * The scan runs offline in a child process (tests/support/electronegativity-scan.mjs, which explains how). Two scans:
 * - the app, staged into a temporary folder laid out like the repository: src/main, src/preload, src/shared and
 *   src/renderer/src without their *.test.ts, package.json (its scripts are checked for switches such as
 *   --no-sandbox), electron.vite.config.ts, and src/renderer/index.html with the Content-Security-Policy <meta> tag
 *   that the build writes in (taken from the build config's own plugin), so the policy the packaged app loads is the
 *   one that gets evaluated;
 * - a deliberately insecure window (tests/support/electronegativity-fixture), which must come out with HIGH and MEDIUM
 *   findings: a scan that parsed nothing or ran no check cannot pass the app's assertion vacuously.
 * `npm run security:electron` runs only this file.
 */
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import electronViteConfig from '../../electron.vite.config'
import { contentSecurityPolicyMeta } from '../../src/main/shell/content-security-policy'

const REPO = resolve(import.meta.dirname, '../..')
const SCANNER = join(REPO, 'tests/support/electronegativity-scan.mjs')
const INSECURE_FIXTURE = join(REPO, 'tests/support/electronegativity-fixture')
const SCAN_TIMEOUT_MS = 50_000

type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'

interface ScanFinding {
  id: string
  severity: Severity
  confidence: string
  /** Relative to the scanned folder, so the same as in the repository; "N/A" for an app-wide finding. */
  file: string
  line: number
  column: number
  sample: string | null
  description: string
  manualReview: boolean
  properties: Record<string, unknown> | null
}

interface ScanResult {
  atomicChecks: number
  globalChecks: number
  files: string[]
  networkRequests: string[]
  errors: { file: string; message: string; tolerable: boolean }[]
  issues: ScanFinding[]
  /** What the per-file checks found before the app-wide checks turned it into their verdicts (e.g. each CSP). */
  perFileFindings: ScanFinding[]
}

/** Checks left out of every scan, by class name (what electronegativity's --exclude-checks takes). */
const EXCLUDED_CHECKS: readonly { check: string; reason: string }[] = [
  {
    check: 'AvailableSecurityFixesGlobalCheck',
    // It downloads Electron's release list from GitHub to see whether a newer patch release of the version in
    // package.json carries security fixes: it needs the network, and its answer changes with every Electron release,
    // not with our code. For an `electron` in devDependencies (ours) it only ever reports INFORMATIONAL anyway.
    reason: 'needs the network (Electron release list); INFORMATIONAL only for a devDependency'
  }
]

/**
 * HIGH/MEDIUM findings someone has read and judged acceptable, each pinned to its file and source line (the scanner's
 * `sample`). A new finding of the same check elsewhere, or on a changed line, fails the test and needs its own review;
 * an entry that no longer matches anything fails too, so the list cannot go stale.
 */
const REVIEWED_FINDINGS: readonly { id: string; file: string; sample: string; reason: string }[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'src/main/shell/window.ts',
    sample: "preload: join(import.meta.dirname, '../preload/index.cjs'),",
    // Raised for every preload script, as a prompt to review it. src/preload/index.ts runs sandboxed and
    // context-isolated, exposes one typed method per IPC channel through contextBridge, and nothing generic
    // (no ipcRenderer, no invoke(channel), no process.env); main's ipc.ts checks the sender and validates input.
    reason: 'review prompt for any preload; ours is sandboxed, context-isolated and exposes only the typed Api'
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src/main/shell/window.ts',
    sample: 'if (isAllowedExternalUrl(url)) void shell.openExternal(url)',
    // Raised for every openExternal whose argument is not a string literal. Here the URL must pass
    // isAllowedExternalUrl (src/main/navigation-policy.ts, unit-tested): http(s) only, no credentials, host on a
    // short allow-list; anything else is dropped.
    reason: 'review prompt for non-literal URLs; ours is gated by the http(s) host allow-list in navigation-policy.ts'
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'src/main/shell/window.ts',
    sample: 'const window = new BrowserWindow({',
    // Asks for webPreferences.disableBlinkFeatures: 'Auxclick' so that a middle click cannot open a new window.
    // Chromium has had no "Auxclick" runtime feature since 2017 (electron/electron#10315: the option does not stop
    // middle-click windows; Electron's advice is to refuse new windows), so the option would change nothing. What
    // does stop them is in the same function: setWindowOpenHandler denies every new window (a link on the allow-list
    // goes to the user's browser instead), and will-navigate / will-redirect keep the window on our page.
    reason: "'Auxclick' is no Blink feature any more; new windows are refused by setWindowOpenHandler in window.ts"
  }
]

const isHighOrMedium = (finding: ScanFinding): boolean => finding.severity === 'HIGH' || finding.severity === 'MEDIUM'

const describeFinding = (f: ScanFinding): string =>
  `${f.severity} ${f.id} ${f.file}:${f.line}:${f.column} ${f.sample ?? ''} (${f.description})`

/** The Electron version the app is built against: the lowest version package.json's range allows. */
function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
  const version = /\d+\.\d+\.\d+/.exec(pkg.devDependencies['electron'] ?? '')?.[0]
  if (!version) throw new Error('package.json: no electron version in devDependencies')
  return version
}

async function scan(input: string, workDir: string, name: string): Promise<ScanResult> {
  const resultPath = join(workDir, `${name}.json`)
  const args = [SCANNER, input, electronVersion(), resultPath, EXCLUDED_CHECKS.map((c) => c.check).join(',')]
  try {
    await promisify(execFile)(process.execPath, args, {
      cwd: REPO,
      timeout: SCAN_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024
    })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`electronegativity scan of ${input} failed: ${String(error)}\n${stdout}\n${stderr}`, { cause: error })
  }
  return JSON.parse(readFileSync(resultPath, 'utf8')) as ScanResult
}

/** index.html as the build writes it: with the tags of the config's 'dns-verify:csp-meta' plugin put first in <head>. */
function builtIndexHtml(): string {
  const source = readFileSync(join(REPO, 'src/renderer/index.html'), 'utf8')
  const plugins = (electronViteConfig.renderer?.plugins ?? []).flat()
  const cspPlugin = plugins.find((p) => p && typeof p === 'object' && 'name' in p && p.name === 'dns-verify:csp-meta')
  const transform = cspPlugin && 'transformIndexHtml' in cspPlugin ? cspPlugin.transformIndexHtml : undefined
  if (typeof transform !== 'function') throw new Error("electron.vite.config.ts: no 'dns-verify:csp-meta' plugin")
  const tags = (transform as () => { tag: string; attrs: Record<string, string>; injectTo: string }[])()
  const escape = (value: string): string => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')
  const html = tags.map(({ tag, attrs, injectTo }) => {
    if (tag !== 'meta' || injectTo !== 'head-prepend') throw new Error(`unexpected tag from the CSP plugin: ${tag}`)
    return `<meta ${Object.entries(attrs).map(([k, v]) => `${k}="${escape(v)}"`).join(' ')} />`
  })
  if (!source.includes('<head>')) throw new Error('src/renderer/index.html: no <head>')
  return source.replace('<head>', `<head>\n    ${html.join('\n    ')}`)
}

/** The shipped sources in a folder laid out like the repository (see the top of this file). */
function stageApp(dir: string): void {
  const notATest = (path: string): boolean => !path.endsWith('.test.ts')
  for (const folder of ['src/main', 'src/preload', 'src/shared', 'src/renderer/src']) {
    cpSync(join(REPO, folder), join(dir, folder), { recursive: true, filter: notATest })
  }
  for (const file of ['package.json', 'electron.vite.config.ts']) cpSync(join(REPO, file), join(dir, file))
  writeFileSync(join(dir, 'src/renderer/index.html'), builtIndexHtml())
}

describe('electronegativity', () => {
  let workDir: string
  let app: ScanResult
  let insecure: ScanResult

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
    const appDir = join(workDir, 'app')
    stageApp(appDir)
    // Side by side: each child is killed after SCAN_TIMEOUT_MS, so the hook cannot hang either.
    ;[app, insecure] = await Promise.all([scan(appDir, workDir, 'app'), scan(INSECURE_FIXTURE, workDir, 'insecure')])
  }, SCAN_TIMEOUT_MS + 10_000)

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true })
  })

  it('flags the deliberately insecure window, so the scan really parses TypeScript and runs its checks', () => {
    expect(insecure.files).toEqual(['insecure-window.ts'])
    expect(insecure.errors).toEqual([])
    const found = insecure.issues.filter(isHighOrMedium).map((f) => `${f.severity} ${f.id}`)
    expect(found).toEqual(
      expect.arrayContaining([
        'HIGH CONTEXT_ISOLATION_JS_CHECK',
        'MEDIUM SANDBOX_JS_CHECK',
        'MEDIUM WEB_SECURITY_JS_CHECK',
        'MEDIUM HTTP_RESOURCES_JS_CHECK',
        // App-wide checks: no navigation limits, no permission handler, no CSP anywhere in the fixture.
        'HIGH LIMIT_NAVIGATION_GLOBAL_CHECK',
        'MEDIUM PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        'MEDIUM CSP_GLOBAL_CHECK'
      ])
    )
  })

  it('scans every shipped main, preload and page file, offline, and parses all of them', () => {
    expect(app.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'src/main/shell/index.ts',
        'src/main/shell/window.ts',
        'src/main/shell/session-policy.ts',
        'src/main/shell/ipc.ts',
        'src/preload/index.ts',
        'src/renderer/index.html'
      ])
    )
    expect(app.files.length).toBeGreaterThan(50)
    // A file that does not parse is skipped without a finding, so any parse error is a failure.
    expect(app.errors).toEqual([])
    expect(app.atomicChecks).toBe(insecure.atomicChecks)
    expect(app.atomicChecks).toBeGreaterThan(0)
    expect(app.globalChecks).toBeGreaterThan(0)
    // Only the translation download was attempted (and answered locally): no check went online.
    expect(app.networkRequests.every((url) => url.includes('electronegativity-i18n'))).toBe(true)
    // The policy the packaged page loads was found in index.html and handed to the CSP evaluator.
    const policiesInPage = app.perFileFindings
      .filter((f) => f.id === 'CSP_HTML_CHECK' && f.file === 'src/renderer/index.html')
      .map((f) => f.properties?.['CSPstring'])
    expect(policiesInPage).toEqual([contentSecurityPolicyMeta()])
  })

  it('finds no HIGH or MEDIUM issue in the app beyond the reviewed ones', () => {
    const isReviewed = (f: ScanFinding): boolean =>
      REVIEWED_FINDINGS.some((r) => r.id === f.id && r.file === f.file && r.sample === f.sample)
    const unreviewed = app.issues.filter((f) => isHighOrMedium(f) && !isReviewed(f)).map(describeFinding)
    expect(unreviewed).toEqual([])
  })

  it('still sees each reviewed finding exactly once (drop an entry once the code no longer triggers it)', () => {
    const counts = REVIEWED_FINDINGS.map(
      (r) => `${r.id} ${r.file}: ${app.issues.filter((f) => f.id === r.id && f.file === r.file && f.sample === r.sample).length}`
    )
    expect(counts).toEqual(REVIEWED_FINDINGS.map((r) => `${r.id} ${r.file}: 1`))
  })
})
