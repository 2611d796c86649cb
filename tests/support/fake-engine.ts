// Test doubles for the service layer: a report shaped exactly like the engine's, and an engine whose
// runDiagnosis is scripted and counts its calls. They stand in for timing and control flow in service,
// IPC and bridge tests; DNS behaviour itself is tested against real servers elsewhere.

import type { DelegationSummary } from '../../src/shared/api'
import type { DiagnoseInput, DiagnosisReport } from '../../src/shared/diagnosis-types'
import { createFinding, deriveVerdict, type Finding } from '../../src/shared/findings'
import { baseDomainOf, placeRecord } from '../../src/shared/placement'
import type { DiagnosisEngine } from '../../src/main/services/api-service'
import type { WatchTimers } from '../../src/main/services/watch-service'

export const TOKEN_VALUE = '202405280000003q8lby3mq5mwqm0qd4tfv7m8hlxkkvwsgdvj1qdvdxkjwd9k'

export function sampleInput(overrides: Partial<DiagnoseInput> = {}): DiagnoseInput {
  return { domains: ['example.com'], host: '_dnsauth', type: 'TXT', value: TOKEN_VALUE, ...overrides }
}

export function sampleReport(findings: Finding[] = [createFinding('record.missing', { name: '_dnsauth.example.com', type: 'TXT', values: [TOKEN_VALUE] })], input: DiagnoseInput = sampleInput()): DiagnosisReport {
  // One record per domain of the input (either form), each in its own base domain's zone.
  const order = input.records ?? (input.domains ?? ['example.com']).map((domain) => ({ domain, host: input.host ?? '_dnsauth', type: input.type ?? 'TXT', value: input.value ?? TOKEN_VALUE }))
  const placements = order.map((r) => placeRecord(r.domain, r.host, baseDomainOf(r.domain)))
  const verdict = deriveVerdict(findings)
  return {
    input,
    records: order.map((r, i) => ({ ...placements[i]!, host: r.host, type: r.type, value: r.value, verdict, findings: findings.map((_, j) => j) })),
    placements,
    verdict,
    findings,
    authoritative: [
      {
        name: '_dnsauth.example.com',
        type: 'TXT',
        zone: 'example.com',
        server: 'ns1.example-dns.net',
        address: '192.0.2.1',
        status: 'nxdomain',
        rcode: 'NXDOMAIN',
        authoritative: true,
        values: [],
        records: [],
        cname: null,
        otherValues: [],
        ttl: null,
        soaSerial: 2024052801,
        negativeTtl: 300,
        transport: 'udp',
        elapsedMs: 3,
        ignoredReplies: 0
      }
    ],
    resolvers: [
      {
        name: '_dnsauth.example.com',
        type: 'TXT',
        id: 'google',
        label: 'Google Public DNS (8.8.8.8)',
        address: '8.8.8.8',
        status: 'nxdomain',
        rcode: 'NXDOMAIN',
        values: [],
        ttl: null,
        receivedAt: 1716854400000,
        elapsedMs: 20,
        extendedError: null,
        negativeTtl: 280,
        negativeSoa: { owner: 'example.com', mname: 'ns1.example-dns.net', rname: 'hostmaster.example.com', serial: 2024052801 },
        apexVisible: null,
        ignoredReplies: 0
      }
    ],
    caa: [{ certificateDomain: 'example.com', foundAt: null, records: [] }],
    zones: [
      {
        name: '_dnsauth.example.com',
        found: true,
        apex: 'example.com',
        reason: null,
        message: null,
        nameservers: ['ns1.example-dns.net'],
        parentNameservers: ['ns1.example-dns.net']
      }
    ],
    nearMisses: [],
    dnssec: [],
    atPlatform: [],
    provider: null,
    etaSeconds: null,
    startedAt: '2024-05-28T00:00:00.000Z',
    elapsedMs: 42
  }
}

export function verifiedReport(input: DiagnoseInput = sampleInput()): DiagnosisReport {
  return sampleReport([createFinding('record.ok', { name: '_dnsauth.example.com', type: 'TXT', servers: 2 })], input)
}

type RunOptions = { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; previous?: DiagnosisReport | null }

/** An engine whose runs are answered by `script` (call number from 1), recording every call. */
export class FakeEngine implements DiagnosisEngine {
  readonly runs: { input: DiagnoseInput; options: RunOptions }[] = []
  readonly delegations: { domain: string; options: unknown }[] = []
  script: (call: number, input: DiagnoseInput, options: RunOptions) => Promise<DiagnosisReport> = async () => sampleReport()

  runDiagnosis = (input: DiagnoseInput, options: RunOptions = {}): Promise<DiagnosisReport> => {
    this.runs.push({ input, options })
    return this.script(this.runs.length, input, options)
  }

  summarizeDelegation = async (domain: string, options?: { roots?: string[]; authPort?: number; timeoutMs?: number }): Promise<DelegationSummary> => {
    this.delegations.push({ domain, options })
    return { domain, zone: domain, nameservers: ['ns1.example-dns.net'], provider: null, problem: null, atPlatform: null }
  }
}

/** A promise with its resolve/reject outside, for runs that finish when the test says. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** Lets pending promise callbacks run. */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise<void>((r) => setImmediate(r))
}

/** Timers that fire only when the test says so; `now` is fixed. */
export class ManualTimers implements WatchTimers {
  private next = 1
  readonly pending = new Map<number, { callback: () => void; ms: number }>()
  readonly nowMs = Date.parse('2024-05-28T00:00:00.000Z')

  setTimeout(callback: () => void, ms: number): number {
    const id = this.next++
    this.pending.set(id, { callback, ms })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }
  now(): number {
    return this.nowMs
  }
  /** Fires every pending timer once. */
  fireAll(): void {
    const due = [...this.pending.values()]
    this.pending.clear()
    for (const t of due) t.callback()
  }
}

