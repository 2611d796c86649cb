import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CommandResult } from './command'
import { DIAGNOSE_USAGE, run as runDiagnose } from './commands/diagnose'
import { QUERY_USAGE, runQuery } from './commands/query'
import { TRACE_USAGE, run as runTrace } from './commands/trace'
import { UsageError } from './usage-error'

const MAIN_USAGE = `dnsverify — check DNS records for SSL/TLS certificate domain verification

Usage:
  dnsverify query NAME [TYPE] [options]     look up a record, printed like nslookup
  dnsverify trace NAME [TYPE] [--root S]    follow the delegation from the root, like dig +trace
  dnsverify diagnose --domain D --host H --type TXT|CNAME --value V [options]
                                           find every reason verification would fail
  dnsverify help COMMAND                   options of one command

Exit status: 0 answered/verified, 1 DNS-level failure or not verified yet, 2 bad usage.`

interface Command {
  run: (argv: string[]) => Promise<CommandResult>
  usage: string
}

const COMMANDS: Record<string, Command> = {
  query: { run: runQuery, usage: QUERY_USAGE },
  trace: { run: runTrace, usage: TRACE_USAGE },
  diagnose: { run: runDiagnose, usage: DIAGNOSE_USAGE }
}

/** Runs the CLI on argv (without node and script) and returns what to print; never throws for user errors. */
export async function runCli(argv: string[]): Promise<CommandResult> {
  const commands = COMMANDS
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h') return { stdout: MAIN_USAGE + '\n', exitCode: name ? 0 : 2 }
  if (name === 'help') {
    const target = rest[0] ? commands[rest[0]] : undefined
    return { stdout: (target ? target.usage : MAIN_USAGE) + '\n', exitCode: 0 }
  }
  const command = commands[name]
  if (!command) return { stdout: '', stderr: `dnsverify: unknown command "${name}".\n\n${MAIN_USAGE}\n`, exitCode: 2 }
  if (rest.includes('--help') || rest.includes('-h')) return { stdout: command.usage + '\n', exitCode: 0 }
  try {
    return await command.run(rest)
  } catch (e) {
    if (e instanceof UsageError) return { stdout: '', stderr: `dnsverify ${name}: ${e.message}\n`, exitCode: 2 }
    throw e
  }
}

async function main(): Promise<void> {
  try {
    const result = await runCli(process.argv.slice(2))
    if (result.stdout) process.stdout.write(result.stdout)
    if (result.stderr) process.stderr.write(result.stderr)
    process.exitCode = result.exitCode
  } catch (e) {
    // A bug, not a user error: say so plainly, with the detail needed for a report.
    process.stderr.write(`dnsverify: internal error: ${(e as Error).stack ?? String(e)}\n`)
    process.exitCode = 3
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
if (invokedDirectly) void main()
