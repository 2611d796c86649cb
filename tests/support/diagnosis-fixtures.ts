// Builders and assertions for diagnosis tests. Rule tables build plain Observations with the builders
// below (every field defaulted, override what the case is about); scenario tests against the lab use
// expectFindings() on a DiagnosisReport. Both check every finding against its params contract.

import { expect } from 'vitest'
import type {
  AuthoritativeObservation,
  CaaObservation,
  DiagnoseInput,
  DiagnosisReport,
  NearMissObservation,
  ResolverObservation,
  VerificationRecordType,
  ZoneObservation
} from '../../src/shared/diagnosis-types'
import type { DnsRecord } from '../../src/shared/dns-types'
import { checkFindingParams, deriveVerdict, type Finding, type FindingId, type Verdict } from '../../src/shared/findings'
import type { NormalizedInput, NormalizedRecord } from '../../src/main/diagnosis/input'
import type { Observations } from '../../src/main/diagnosis/observations'
import { runDiagnosis } from '../../src/main/diagnosis/run-diagnosis'
import { baseDomainOf, placeRecord, recordNameFor } from '../../src/shared/placement'
import { isSubdomainOf } from '../../src/shared/names'
import type { Rule } from '../../src/main/diagnosis/rules/rule'
import { runRules } from '../../src/main/diagnosis/run-rules'
import { detectProvider } from '../../src/main/diagnosis/catalogs/providers'

/** A token shaped like the ones CAs hand out for TXT verification. */
export const TOKEN = '202405280000003q8lby3mq5mwqm0qd4tfv7m8hlxkkvwsgdvj1qdvdxkjwd9k'
export const DOMAIN = 'example.com'
export const NAME = `_dnsauth.${DOMAIN}`
export const NS1 = { server: 'ns1.example-dns.net', address: '192.0.2.1' }
export const NS2 = { server: 'ns2.example-dns.net', address: '192.0.2.2' }

/**
 * A checked input. The record part reads like the single-record form (`domains`, `host`, `type`, `value`: one
 * record per domain, by default `_dnsauth` TXT = TOKEN for example.com), or give `records` for an order whose
 * records differ.
 */
export function input(
  overrides: Partial<NormalizedInput> & { domains?: string[]; host?: string; type?: VerificationRecordType; value?: string } = {}
): NormalizedInput {
  const { domains = [DOMAIN], host = '_dnsauth', type = 'TXT', value = TOKEN, records, ...options } = overrides
  return {
    records: records ?? domains.map((domain) => record({ domain, host, type, value })),
    ca: null,
    platform: null,
    resolvers: [],
    roots: [],
    authPort: null,
    timeoutMs: 500,
    deadlineMs: 30_000,
    ...options
  }
}

/** One checked record of an order, placed by the shared rules. */
export function record(r: { domain: string; host?: string; type?: VerificationRecordType; value?: string }): NormalizedRecord {
  const host = r.host ?? '_dnsauth'
  const baseDomain = baseDomainOf(r.domain)
  return { domain: r.domain, host, type: r.type ?? 'TXT', value: r.value ?? TOKEN, baseDomain, name: recordNameFor(host, baseDomain) }
}

/** TXT records (one character-string each, unless a value is an array) as the codec decodes them. */
export function txtRecords(name: string, values: (string | string[])[], ttl = 300): DnsRecord[] {
  return values.map((v) => {
    const strings = Array.isArray(v) ? v : [v]
    return {
      name,
      type: 'TXT',
      class: 'IN',
      ttl,
      data: { kind: 'txt', strings, value: strings.join('') },
      text: strings.map((s) => JSON.stringify(s)).join(' ')
    }
  })
}

/**
 * One authoritative server's answer. `values` alone fills `records` (TXT) and sets status ok / nodata;
 * pass `status` for failures.
 */
export function auth(overrides: Partial<AuthoritativeObservation> = {}): AuthoritativeObservation {
  const name = overrides.name ?? NAME
  const values = overrides.values ?? [TOKEN]
  const hasData = values.length > 0 || (overrides.cname ?? null) !== null
  const status = overrides.status ?? (hasData ? 'ok' : 'nxdomain')
  const answered = status === 'ok' || status === 'nodata' || status === 'nxdomain'
  const rcode = { nxdomain: 'NXDOMAIN', lame: 'REFUSED', servfail: 'SERVFAIL' }[status as string] ?? (answered ? 'NOERROR' : null)
  return {
    name,
    // Filled in by observations() from the order's record at the name, unless given.
    type: undefined as unknown as VerificationRecordType,
    zone: DOMAIN,
    ...NS1,
    status,
    rcode,
    authoritative: answered,
    values: answered ? values : [],
    records: answered ? txtRecords(name, values, overrides.ttl ?? 300) : [],
    cname: null,
    otherValues: [],
    ttl: answered && hasData ? 300 : null,
    soaSerial: answered ? 2024052801 : null,
    negativeTtl: answered ? 600 : null,
    transport: answered ? 'udp' : null,
    elapsedMs: 3,
    ignoredReplies: 0,
    ...overrides
  }
}

export function resolver(overrides: Partial<ResolverObservation> = {}): ResolverObservation {
  const values = overrides.values ?? [TOKEN]
  return {
    type: undefined as unknown as VerificationRecordType,
    name: NAME,
    id: '192.0.2.53',
    label: '192.0.2.53',
    address: '192.0.2.53',
    status: values.length > 0 ? 'ok' : 'nxdomain',
    rcode: values.length > 0 ? 'NOERROR' : 'NXDOMAIN',
    values,
    ttl: values.length > 0 ? 300 : null,
    receivedAt: Date.UTC(2024, 4, 28, 12),
    elapsedMs: 10,
    extendedError: null,
    negativeTtl: values.length > 0 ? null : 600,
    // A negative answer carries the SOA of the zone it came from, as a resolver that sees the domain sends it.
    negativeSoa: values.length > 0 ? null : { owner: DOMAIN, mname: NS1.server, rname: `hostmaster.${DOMAIN}`, serial: 2024052801 },
    apexVisible: null,
    ignoredReplies: 0,
    ...overrides
  }
}

export function zone(overrides: Partial<ZoneObservation> = {}): ZoneObservation {
  return {
    name: NAME,
    found: true,
    apex: DOMAIN,
    reason: null,
    message: null,
    nameservers: [NS1.server, NS2.server],
    parentNameservers: [NS1.server, NS2.server],
    ...overrides
  }
}

export function nearMiss(overrides: Partial<NearMissObservation> = {}): NearMissObservation {
  return {
    expectedName: NAME,
    foundName: `${NAME}.${DOMAIN}`,
    hint: 'zone_doubled',
    type: 'TXT',
    values: [TOKEN],
    server: NS1.server,
    ...overrides
  }
}

export function caa(overrides: Partial<CaaObservation> = {}): CaaObservation {
  return { certificateDomain: DOMAIN, foundAt: DOMAIN, records: [{ flags: 0, tag: 'issue', value: 'letsencrypt.org' }], ...overrides }
}

/**
 * Observations of one diagnosis. By default: example.com, both servers answer the token, no resolvers,
 * no CAA. Placements follow the input's domains (zone = `zoneApex`) unless given.
 */
export function observations(overrides: Partial<Observations> & { zoneApex?: string | null } = {}): Observations {
  const { zoneApex = DOMAIN, ...rest } = overrides
  const inp = rest.input ?? input()
  // A domain outside `zoneApex` (a second registered domain) is its own zone.
  const zoneFor = (d: string) => (zoneApex === null || isSubdomainOf(baseDomainOf(d), zoneApex) ? zoneApex : baseDomainOf(d))
  const placements = rest.placements ?? inp.records.map((r) => placeRecord(r.domain, r.host, zoneFor(r.domain)))
  // An observation built without a type was asked with the type of the order's record at its name.
  const typeAt = (name: string): VerificationRecordType => inp.records.find((r) => r.name === name)?.type ?? 'TXT'
  const typed = <O extends { name: string; type?: VerificationRecordType }>(list: O[]) => list.map((o) => ({ ...o, type: o.type ?? typeAt(o.name) }))
  const zones = rest.zones ?? [...new Map(placements.map((p) => [p.name, p.zone])).entries()].map(([name, apex]) =>
    apex === null ? zone({ name, found: false, apex, reason: 'nxdomain', nameservers: [], parentNameservers: [] }) : zone({ name, apex })
  )
  return {
    input: inp,
    placements,
    zones,
    nearMisses: [],
    caa: [],
    dnssec: [],
    previous: null,
    // As observe.ts does: from every NS host of the zones, parent and child side.
    provider: detectProvider(zones.flatMap((z) => [...z.nameservers, ...z.parentNameservers])),
    startedAt: Date.UTC(2024, 4, 28, 12),
    ...rest,
    authoritative: typed(rest.authoritative ?? [auth(), auth(NS2)]),
    resolvers: typed(rest.resolvers ?? []),
    atPlatform: typed(rest.atPlatform ?? [])
  }
}

/** A report as runDiagnosis would build it from these observations (rules, verdict), for `previous` in tests. */
export function runDiagnosisReportOf(obs: Observations): DiagnosisReport {
  const findings = runRules(obs)
  return {
    input: { records: obs.input.records.map(({ domain, host, type, value }) => ({ domain, host, type, value })) },
    records: obs.input.records.map((r, i) => ({
      ...obs.placements[i]!,
      host: r.host,
      type: r.type,
      value: r.value,
      verdict: deriveVerdict(findings, [r.name]),
      findings: []
    })),
    placements: obs.placements,
    verdict: deriveVerdict(findings, [...new Set(obs.placements.map((p) => p.name))]),
    findings,
    authoritative: obs.authoritative,
    resolvers: obs.resolvers,
    caa: obs.caa,
    zones: obs.zones,
    nearMisses: obs.nearMisses,
    dnssec: obs.dnssec,
    atPlatform: obs.atPlatform,
    provider: null,
    etaSeconds: null,
    startedAt: new Date(obs.startedAt).toISOString(),
    elapsedMs: 0
  }
}

export function ids(findings: readonly Pick<Finding, 'id'>[]): FindingId[] {
  return findings.map((f) => f.id)
}

/** Every finding's params against its contract; the message names the finding when one does not conform. */
export function expectParamsConform(findings: readonly Finding[]): void {
  const problems = findings.flatMap((f) => checkFindingParams(f.id, f.params))
  expect(problems, JSON.stringify(findings, null, 1)).toEqual([])
}

export interface FindingExpectation {
  expect?: readonly FindingId[]
  forbid?: readonly FindingId[]
  /** Params that the first finding of an id must carry (a subset). */
  params?: Partial<Record<FindingId, Record<string, unknown>>>
  verdict?: Verdict
}

/** Zonemaster-style: the expected ids are there, the forbidden ones are not, and every params object conforms. */
export function expectFindings(findings: readonly Finding[], want: FindingExpectation): void {
  const found = ids(findings)
  const dump = findings.map((f) => `${f.id} ${JSON.stringify(f.params)}`).join('\n')
  for (const id of want.expect ?? []) expect(found, `expected ${id} among:\n${dump}`).toContain(id)
  for (const id of want.forbid ?? []) expect(found, `did not expect ${id} among:\n${dump}`).not.toContain(id)
  for (const [id, params] of Object.entries(want.params ?? {})) {
    const finding = findings.find((f) => f.id === id)
    expect(finding, `expected ${id} among:\n${dump}`).toBeDefined()
    expect(finding!.params, `${id} params`).toMatchObject(params!)
  }
  expectParamsConform(findings)
  if (want.verdict) expect(deriveVerdict(findings), `verdict for:\n${dump}`).toBe(want.verdict)
}

/** The same for a whole report: also checks that the stored verdict is the derived one. */
export function expectReport(report: DiagnosisReport, want: FindingExpectation): void {
  expectFindings(report.findings, want)
  expect(report.verdict).toBe(deriveVerdict(report.findings, [...new Set(report.placements.map((p) => p.name))]))
}

/** One row of a rule table. */
export interface RuleCase extends FindingExpectation {
  name: string
  obs: Observations
}

/**
 * Runs the rule over one case and checks its findings; also that it only produces the ids it declares.
 * The case's verdict is the whole engine's (every rule over the same observations), since one rule
 * alone cannot say `verified`.
 */
export function checkRuleCase(rule: Rule, c: RuleCase): Finding[] {
  const findings = rule.check(c.obs)
  expectFindings(findings, { ...c, verdict: undefined })
  for (const f of findings) expect(rule.produces, `${rule.name} produced undeclared ${f.id}`).toContain(f.id)
  if (c.verdict) expectFindings(runRules(c.obs), { verdict: c.verdict })
  return findings
}

/**
 * A diagnosis of `_dnsauth` TXT = TOKEN for `domains` against a running lab: its private root,
 * one resolver (the lab's own unless given), and a short timeout so dead servers cost little.
 */
export function diagnoseInLab(
  lab: { rootHints: string[]; resolver(): { address: string } },
  domains: string[],
  overrides: Partial<DiagnoseInput> = {},
  resolver: string = lab.resolver().address
): Promise<DiagnosisReport> {
  return runDiagnosis({
    domains,
    host: '_dnsauth',
    type: 'TXT',
    value: TOKEN,
    resolvers: [resolver],
    roots: lab.rootHints,
    timeoutMs: 500,
    ...overrides
  })
}
