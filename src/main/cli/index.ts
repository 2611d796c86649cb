import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CommandResult } from './command'
import { DIAGNOSE_USAGE, MAIN_USAGE, QUERY_USAGE, TRACE_USAGE } from './usage'
import { isUsageError } from './usage-error'

type RunCommand = (argv: string[]) => Promise<CommandResult>

interface Command {
  /**
   * Imports the command when it runs, not before: a start pays only for the command it runs
   * (`--help` for none, `query` for the DNS client, `diagnose` for the whole engine and zod).
   */
  load: () => Promise<RunCommand>
  usage: string
}

const COMMANDS: Record<string, Command> = {
  query: { load: async () => (await import('./commands/query')).runQuery, usage: QUERY_USAGE },
  trace: { load: async () => (await import('./commands/trace')).run, usage: TRACE_USAGE },
  diagnose: { load: async () => (await import('./commands/diagnose')).run, usage: DIAGNOSE_USAGE }
}

/** The command called `name`; own keys only, so `toString` or `__proto__` is an unknown command, not a crash. */
function commandNamed(name: string | undefined): Command | undefined {
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
}

/** Runs the CLI on argv (without node and script) and returns what to print; never throws for user errors. */
export async function runCli(argv: string[]): Promise<CommandResult> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h') return { stdout: MAIN_USAGE + '\n', exitCode: name ? 0 : 2 }
  if (name === 'help') {
    const target = commandNamed(rest[0])
    return { stdout: (target ? target.usage : MAIN_USAGE) + '\n', exitCode: 0 }
  }
  const command = commandNamed(name)
  if (!command) return { stdout: '', stderr: `dnsverify: unknown command "${name}".\n\n${MAIN_USAGE}\n`, exitCode: 2 }
  if (rest.includes('--help') || rest.includes('-h')) return { stdout: command.usage + '\n', exitCode: 0 }
  try {
    const run = await command.load()
    return await run(rest)
  } catch (e) {
    if (isUsageError(e)) return { stdout: '', stderr: `dnsverify ${name}: ${e.message}\n`, exitCode: 2 }
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
