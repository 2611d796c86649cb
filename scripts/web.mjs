#!/usr/bin/env node
/**
 * `npm run web`: builds the renderer (electron-vite) and, where its sources changed, the bridge
 * (scripts/build-node.mjs), each in a child process that exits when done; then runs the built bridge
 * (out/node/web.cjs) in this same process. What stays running is one node process beside npm's own:
 * no launcher (npm exec, a TypeScript loader, esbuild's service) kept resident next to the server.
 * Plain node, no shell syntax, so it works the same from cmd.exe, PowerShell and sh.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const argv = process.argv.slice(2)
const helpOnly = argv.includes('--help') || argv.includes('-h')

/** Runs a node script to completion; a failure ends this one with its status. */
function runStep(script, args) {
  const result = spawnSync(process.execPath, [join(repo, script), ...args], { cwd: repo, stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status !== 0) {
    process.stderr.write(`npm run web: ${script} ${args.join(' ')} failed.\n`)
    process.exit(result.status ?? 1)
  }
}

if (!helpOnly) runStep('node_modules/electron-vite/bin/electron-vite.js', ['build'])
runStep('scripts/build-node.mjs', ['--if-stale'])

const { runWeb } = createRequire(import.meta.url)(join(repo, 'out/node/web.cjs'))
runWeb(argv).then(
  (code) => {
    process.exitCode = code
    // Stopped: if something still holds the event loop (a socket, a stuck file operation), exit anyway.
    setTimeout(() => process.exit(code), 1000).unref()
  },
  (e) => {
    process.stderr.write(`dns-verify web: internal error: ${e?.stack ?? e}\n`)
    process.exitCode = 3
  }
)
