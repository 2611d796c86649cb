import type { DiagnoseInput, DiagnosisReport } from '../../../shared/diagnosis-types'
import { InputError } from '../../diagnosis/input'
import { formatDuration, formatReport } from '../../diagnosis/format-report'
import { runDiagnosis } from '../../diagnosis/run-diagnosis'
import { parseCommandArgs, parseIntegerFlag } from '../args'
import type { CommandResult } from '../command'
import { helpHint, UsageError } from '../usage-error'

export async function run(argv: string[]): Promise<CommandResult> {
  const { values } = parseCommandArgs(
    argv,
    {
      domain: { type: 'string', multiple: true },
      host: { type: 'string' },
      type: { type: 'string' },
      value: { type: 'string' },
      ca: { type: 'string' },
      platform: { type: 'string' },
      resolver: { type: 'string', multiple: true },
      root: { type: 'string', multiple: true },
      'auth-port': { type: 'string' },
      timeout: { type: 'string' },
      deadline: { type: 'string' },
      json: { type: 'boolean' },
      watch: { type: 'boolean' },
      interval: { type: 'string' },
      'max-checks': { type: 'string' }
    },
    0,
    helpHint('diagnose')
  )
  for (const required of ['domain', 'host', 'type', 'value'] as const) {
    if (values[required] === undefined) throw new UsageError('cli.missingFlag', { flag: required }, helpHint('diagnose'))
  }
  const input: DiagnoseInput = {
    domains: values.domain!,
    host: values.host!,
    type: values.type!.toUpperCase() as DiagnoseInput['type'],
    value: values.value!,
    ca: values.ca,
    platform: values.platform,
    resolvers: values.resolver,
    roots: values.root,
    authPort: parseIntegerFlag(values['auth-port'], '--auth-port', 1, 65535),
    timeoutMs: parseIntegerFlag(values.timeout, '--timeout', 50, 60_000),
    deadlineMs: parseIntegerFlag(values.deadline, '--deadline', 1000, 600_000)
  }
  if (!values.watch && (values.interval !== undefined || values['max-checks'] !== undefined)) {
    throw new UsageError('cli.watchOnly')
  }
  const interval = parseIntegerFlag(values.interval, '--interval', 1, 3600) ?? 30
  const maxChecks = parseIntegerFlag(values['max-checks'], '--max-checks', 1, 100_000)
  const render = (r: DiagnosisReport): string => (values.json ? JSON.stringify(r, null, 2) + '\n' : formatReport(r))
  try {
    if (!values.watch) {
      const report = await runDiagnosis(input)
      return { stdout: render(report), exitCode: report.verdict === 'verified' ? 0 : 1 }
    }
    return await watch(input, interval, maxChecks, render, values.json ?? false)
  } catch (e) {
    if (e instanceof InputError) throw new UsageError('cli.inputFlag', { flag: flagOf(e.field), reason: e.toMessage() })
    throw e
  }
}

function flagOf(field: string): string {
  const head = field.split('.')[0]!
  return { domains: 'domain', resolvers: 'resolver', roots: 'root', authPort: 'auth-port', timeoutMs: 'timeout', deadlineMs: 'deadline' }[head] ?? head
}

/**
 * Re-checks every `interval` seconds until verified, Ctrl-C, or `maxChecks`. Prints the first
 * report in full, then only what changed (findings that appeared or cleared) and a countdown.
 */
async function watch(
  input: DiagnoseInput,
  interval: number,
  maxChecks: number | undefined,
  render: (r: DiagnosisReport) => string,
  json: boolean
): Promise<CommandResult> {
  const stop = new AbortController()
  const onSigint = (): void => stop.abort()
  process.once('SIGINT', onSigint)
  let previous: DiagnosisReport | null = null
  let checks = 0
  try {
    for (;;) {
      const report = await runDiagnosis(input, { signal: stop.signal, previous })
      checks++
      if (json) process.stdout.write(JSON.stringify(report) + '\n')
      else if (!previous) process.stdout.write(render(report))
      else process.stdout.write(describeChange(previous, report))
      previous = report
      if (report.verdict === 'verified') return { stdout: '', exitCode: 0 }
      if (stop.signal.aborted || (maxChecks !== undefined && checks >= maxChecks)) return { stdout: '', exitCode: 1 }
      await countdown(interval, stop.signal, json)
      if (stop.signal.aborted) return { stdout: json ? '' : '\nStopped.\n', exitCode: 1 }
    }
  } finally {
    process.removeListener('SIGINT', onSigint)
  }
}

function describeChange(before: DiagnosisReport, after: DiagnosisReport): string {
  const key = (f: DiagnosisReport['findings'][number]): string => `${f.id} ${JSON.stringify(f.params)}`
  const was = new Set(before.findings.map(key))
  const now = new Set(after.findings.map(key))
  const lines = [`\n[${new Date().toLocaleTimeString()}] ${after.verdict}${after.etaSeconds !== null ? ` (about ${formatDuration(after.etaSeconds)} to go)` : ''}`]
  for (const f of after.findings) if (!was.has(key(f))) lines.push(`  + ${f.id} ${paramsSummary(f.params)}`)
  for (const f of before.findings) if (!now.has(key(f))) lines.push(`  - ${f.id} ${paramsSummary(f.params)}`)
  if (lines.length === 1) lines.push('  no change')
  return lines.join('\n') + '\n'
}

function paramsSummary(params: Record<string, unknown>): string {
  const list = params['resolvers'] ?? params['servers'] ?? params['domains']
  const name = params['name'] ?? (Array.isArray(list) ? list.join(', ') : (params['resolver'] ?? params['domain'] ?? ''))
  return String(name)
}

async function countdown(seconds: number, signal: AbortSignal, quiet: boolean): Promise<void> {
  for (let left = seconds; left > 0 && !signal.aborted; left--) {
    if (!quiet && process.stdout.isTTY) process.stdout.write(`\rNext check in ${left} s  `)
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000)
      signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true })
    })
  }
  if (!quiet && process.stdout.isTTY) process.stdout.write('\r                    \r')
}
