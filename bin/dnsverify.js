#!/usr/bin/env node
// Runs the TypeScript CLI straight from the checkout through tsx, so `npx dnsverify` always runs
// the current source without a build step.
import { register } from 'tsx/esm/api'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

register()
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { runCli } = await import(pathToFileURL(join(root, 'src/main/cli/index.ts')).href)
try {
  const result = await runCli(process.argv.slice(2))
  if (result.stdout) process.stdout.write(result.stdout)
  if (result.stderr) process.stderr.write(result.stderr)
  process.exitCode = result.exitCode
} catch (e) {
  process.stderr.write(`dnsverify: internal error: ${e?.stack ?? e}\n`)
  process.exitCode = 3
}
