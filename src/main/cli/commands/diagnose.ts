import { readFile } from 'node:fs/promises'
import type { DiagnoseInput, DiagnosisReport, VerificationRecordInput, VerificationRecordType } from '../../../shared/diagnosis-types'
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
      input: { type: 'string' },
      record: { type: 'string', multiple: true },
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
  const source = recordSource(values)
  const options: DiagnoseInput = {
    ...(values.ca !== undefined ? { ca: values.ca } : {}),
    ...(values.platform !== undefined ? { platform: values.platform } : {}),
    ...(values.resolver !== undefined ? { resolvers: values.resolver } : {}),
    ...(values.root !== undefined ? { roots: values.root } : {}),
    ...optionalNumber('authPort', parseIntegerFlag(values['auth-port'], '--auth-port', 1, 65535)),
    ...optionalNumber('timeoutMs', parseIntegerFlag(values.timeout, '--timeout', 50, 60_000)),
    ...optionalNumber('deadlineMs', parseIntegerFlag(values.deadline, '--deadline', 1000, 600_000))
  }
  let input: DiagnoseInput
  if (source === 'input') input = { ...(await readInputFile(values.input!)), ...options }
  else if (source === 'record') input = { records: values.record!.map(parseRecordFlag), ...options }
  else {
    for (const required of ['domain', 'host', 'type', 'value'] as const) {
      if (values[required] === undefined) throw new UsageError('cli.missingFlag', { flag: required }, helpHint('diagnose'))
    }
    input = {
      domains: values.domain!,
      host: values.host!,
      type: values.type!.toUpperCase() as DiagnoseInput['type'],
      value: values.value!,
      ...options
    }
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
    if (e instanceof InputError) throw new UsageError('cli.inputFlag', { flag: flagOf(e.field, source), reason: e.toMessage() })
    throw e
  }
}

/** Where the records come from: a JSON file (`--input`), `--record` flags, or the single-record flags; one only. */
function recordSource(values: { input?: string; record?: string[]; domain?: string[]; host?: string; type?: string; value?: string }): 'input' | 'record' | 'flags' {
  const single = values.domain !== undefined || values.host !== undefined || values.type !== undefined || values.value !== undefined
  const given = [values.input !== undefined && '--input', values.record !== undefined && '--record', single && '--domain/--host/--type/--value'].filter(
    (g): g is string => g !== false
  )
  if (given.length > 1) throw new UsageError('cli.oneRecordSource', { given: given.join(', ') }, helpHint('diagnose'))
  return values.input !== undefined ? 'input' : values.record !== undefined ? 'record' : 'flags'
}

/** `DOMAIN,HOST,TYPE,VALUE`: the value is everything after the third comma (a TXT value may hold commas). */
function parseRecordFlag(text: string, index: number): VerificationRecordInput {
  const parts = text.split(',')
  if (parts.length < 4) throw new UsageError('cli.recordFlag', { index: index + 1, text }, helpHint('diagnose'))
  const [domain, host, type] = parts.map((p) => p.trim()) as [string, string, string]
  return { domain, host, type: type.toUpperCase() as VerificationRecordType, value: parts.slice(3).join(',') }
}

/** The JSON of `--input FILE` (or `-` for standard input): an object in the shape of the diagnose input. */
async function readInputFile(path: string): Promise<DiagnoseInput> {
  let text: string
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8')
  } catch (e) {
    throw new UsageError('cli.inputFile', { file: path, reason: (e as Error).message })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new UsageError('cli.inputJson', { file: path, reason: (e as Error).message })
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError('cli.inputShape', { file: path })
  const unknown = Object.keys(data).filter((key) => !INPUT_FILE_KEYS.has(key))
  if (unknown.length > 0) throw new UsageError('cli.inputKeys', { file: path, keys: unknown.join(', ') })
  return data as DiagnoseInput
}

const INPUT_FILE_KEYS = new Set(['records', 'domains', 'host', 'type', 'value', 'ca', 'platform', 'resolvers', 'roots', 'authPort', 'timeoutMs', 'deadlineMs'])

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    process.stdin.setEncoding('utf8')
    process.stdin.on('data', (chunk: string) => {
      text += chunk
      // A file is a few records; a stream that never ends is a mistake, not an input.
      if (text.length > 1_000_000) reject(new Error('more than 1 MB on standard input'))
    })
    process.stdin.on('end', () => resolve(text))
    process.stdin.on('error', reject)
  })
}

function optionalNumber<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>)
}

/** The flag (or file field) a refused input field came from: `records.1.value` → `record #2 (value)`. */
function flagOf(field: string, source: 'input' | 'record' | 'flags'): string {
  const parts = field.split('.')
  const head = parts[0]!
  if (head === 'records') {
    const at = parts[1] !== undefined ? Number(parts[1]) + 1 : null
    const what = parts[2] ?? 'record'
    if (source === 'record') return at === null ? 'record' : `record #${at} (${what})`
    return at === null ? 'input: records' : `input: records #${at} (${what})`
  }
  const flag = { domains: 'domain', resolvers: 'resolver', roots: 'root', authPort: 'auth-port', timeoutMs: 'timeout', deadlineMs: 'deadline' }[head] ?? head
  return source === 'input' && ['domain', 'host', 'type', 'value'].includes(flag) ? `input: ${field}` : flag
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
