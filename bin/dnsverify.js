#!/usr/bin/env node
// Runs the built command line (out/node/dnsverify.cjs): plain JavaScript on node, no TypeScript
// transpiler at run time. `npm ci` builds it (the "prepare" script); so does `npm run build:cli`.
// CommonJS (bin/package.json says so) because node starts a CommonJS entry faster than an ES module.
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '../out/node/dnsverify.cjs')
if (!existsSync(built)) {
  process.stderr.write('dnsverify: the command line is not built yet: run npm run build:cli (npm ci does it too).\n')
  process.exit(3)
}
require(built)
  .runCli(process.argv.slice(2))
  .then(
    (result) => {
      if (result.stdout) process.stdout.write(result.stdout)
      if (result.stderr) process.stderr.write(result.stderr)
      process.exitCode = result.exitCode
    },
    (e) => {
      // A bug, not a user error: say so plainly, with the detail needed for a report.
      process.stderr.write(`dnsverify: internal error: ${(e && e.stack) || e}\n`)
      process.exitCode = 3
    }
  )
