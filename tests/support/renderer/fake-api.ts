// An in-memory ApiClient for renderer tests: every call is a vi.fn with a sensible default, and `emitProgress`
// plays the main process pushing a watch event.
import type { AppSettings, ApiClient, DelegationSummary, StoreProblemInfo, VerificationSession, WatchProgress } from '@shared/api'
import type { DiagnosisReport } from '@shared/diagnosis-types'
import type { Provider } from '@shared/catalog-types'
import { createFinding, deriveVerdict, type Finding } from '@shared/findings'
import { vi } from 'vitest'

export const SETTINGS: AppSettings = {
  presets: ['google'],
  includeSystemResolvers: false,
  customResolvers: ['127.70.53.1'],
  roots: ['127.70.0.1'],
  authPort: null,
  timeoutMs: 1500,
  locale: 'en',
  theme: 'light',
  watchIntervalSeconds: 20
}

export function provider(id: string, name: string, console: Partial<Provider['console']> = {}): Provider {
  return {
    id,
    names: { en: name, 'zh-CN': `${name} (zh)`, es: `${name} (es)` },
    nsPatterns: [],
    console: { hostField: 'relative', txtQuotes: 'forbidden', minTtl: 1, ...console }
  }
}

export const PROVIDERS: Provider[] = [
  provider('cloudflare', 'Cloudflare', { consoleUrl: 'https://dash.cloudflare.com/', minTtl: 60, txtValues: 'separate' }),
  provider('huaweicloud', 'Huawei Cloud DNS', { txtQuotes: 'required', txtValues: 'one_record' }),
  provider('alibaba', 'Alibaba Cloud DNS', { minTtl: 600 }),
  provider('route53', 'Amazon Route 53', { hostField: 'full' }),
  provider('generic', 'Your DNS provider', { txtQuotes: 'optional' })
]

/** As the engine answers: for the base domain (`www.` dropped), with its zone. */
export function delegation(typed: string, providerId: string | null = 'cloudflare'): DelegationSummary {
  const domain = typed.replace(/^www\./, '')
  return {
    domain,
    zone: domain,
    nameservers: ['ns1.example.net', 'ns2.example.net'],
    provider: providerId ? { id: providerId, name: PROVIDERS.find((p) => p.id === providerId)?.names.en ?? providerId } : null,
    problem: null,
    atPlatform: null
  }
}

export function report(findings: Finding[], overrides: Partial<DiagnosisReport> = {}): DiagnosisReport {
  return {
    input: { records: [{ domain: 'example.com', host: '_dnsauth', type: 'TXT', value: 'token' }] },
    records: [
      {
        certificateDomain: 'example.com',
        baseDomain: 'example.com',
        name: '_dnsauth.example.com',
        zone: 'example.com',
        relativeHost: '_dnsauth',
        host: '_dnsauth',
        type: 'TXT',
        value: 'token',
        verdict: deriveVerdict(findings),
        findings: findings.map((_, i) => i)
      }
    ],
    placements: [],
    verdict: deriveVerdict(findings),
    findings,
    authoritative: [],
    resolvers: [],
    caa: [],
    zones: [],
    nearMisses: [],
    dnssec: [],
    atPlatform: [],
    provider: null,
    etaSeconds: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    elapsedMs: 12,
    ...overrides
  }
}

export const OK_REPORT = report([createFinding('record.ok', { name: '_dnsauth.example.com', type: 'TXT', servers: 2 })])
export const QUOTED_REPORT = report([
  createFinding('record.value_quoted', { name: '_dnsauth.example.com', found: '"token"' }),
  createFinding('delegation.provider', { provider: 'cloudflare', providerName: 'Cloudflare', nameservers: ['ns1.example.net'] })
])

export interface FakeApi extends ApiClient {
  emitProgress(event: WatchProgress): void
  saved: VerificationSession[]
}

export function createFakeApi(): FakeApi {
  const listeners = new Set<(event: WatchProgress) => void>()
  let settings = { ...SETTINGS }
  const saved: VerificationSession[] = []
  const api = {
    saved,
    emitProgress: (event: WatchProgress) => listeners.forEach((l) => l(event)),
    onDidWatchProgress: vi.fn((listener: (event: WatchProgress) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    'catalog:providers': vi.fn(async () => PROVIDERS),
    'catalog:cas': vi.fn(async () => [
      { id: 'digicert', names: { en: 'DigiCert', 'zh-CN': 'DigiCert', es: 'DigiCert' }, caaIdentifiers: ['digicert.com'] }
    ]),
    'catalog:resolverPresets': vi.fn(async () => [{ id: 'google', name: 'Google Public DNS', addresses: ['8.8.8.8'] }]),
    'dns:delegation': vi.fn(async ({ domain }: { domain: string }) => delegation(domain)),
    'diagnosis:run': vi.fn(async () => OK_REPORT),
    'sessions:list': vi.fn(async () => [...saved]),
    'sessions:save': vi.fn(async (session: VerificationSession) => {
      const stored = { ...session, updatedAt: new Date().toISOString() }
      const at = saved.findIndex((s) => s.id === session.id)
      if (at >= 0) saved[at] = stored
      else saved.push(stored)
      return stored
    }),
    'sessions:delete': vi.fn(async ({ id }: { id: string }) => {
      const at = saved.findIndex((s) => s.id === id)
      if (at >= 0) saved.splice(at, 1)
    }),
    'settings:get': vi.fn(async () => settings),
    'settings:set': vi.fn(async (next: AppSettings) => {
      settings = { ...next }
      return settings
    }),
    'report:render': vi.fn(async ({ format }: { format: string }) => (format === 'json' ? '{}' : '# Report')),
    'watch:start': vi.fn(async () => undefined),
    'watch:stop': vi.fn(async () => undefined),
    'store:problems': vi.fn(async (): Promise<StoreProblemInfo[]> => [])
  }
  return api as unknown as FakeApi
}
