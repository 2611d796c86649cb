import { describe, expect, it } from 'vitest'
import {
  checkFindingParams,
  compareSeverity,
  createFinding,
  deriveVerdict,
  FINDING_IDS,
  FINDING_PARAM_SPEC,
  FINDING_SEVERITY,
  type FindingId,
  isFindingId,
  messageParams,
  type Severity,
  severityRank,
  sortFindings,
  worstSeverity
} from '../../../src/shared/findings'

describe('finding ids and severities', () => {
  it('are dotted area.name ids, unique, each with a severity and a param spec', () => {
    expect(new Set(FINDING_IDS).size).toBe(FINDING_IDS.length)
    for (const id of FINDING_IDS) {
      expect(id).toMatch(/^[a-z]+\.[a-z_]+$/)
      expect(FINDING_SEVERITY[id]).toBeDefined()
      expect(FINDING_PARAM_SPEC[id]).toBeDefined()
    }
    expect(Object.keys(FINDING_SEVERITY).sort()).toEqual([...FINDING_IDS].sort())
    expect(Object.keys(FINDING_PARAM_SPEC).sort()).toEqual([...FINDING_IDS].sort())
  })

  // The contract: changing one of these is changing what a finding means.
  it.each<[FindingId, Severity]>([
    ['record.ok', 'ok'],
    ['record.missing', 'error'],
    ['record.value_mismatch', 'error'],
    ['record.value_quoted', 'error'],
    ['record.value_whitespace', 'error'],
    ['record.stale_value', 'error'],
    ['record.value_missing', 'error'],
    ['record.wrong_name', 'error'],
    ['record.wrong_type', 'error'],
    ['record.cname_conflict', 'error'],
    ['record.ttl_long', 'warning'],
    ['zone.not_found', 'error'],
    ['delegation.provider', 'info'],
    ['delegation.wrong_platform', 'error'],
    ['delegation.unreachable', 'warning'],
    ['delegation.no_server_answers', 'error'],
    ['delegation.inconsistent', 'error'],
    ['delegation.parent_child_mismatch', 'warning'],
    ['propagation.pending', 'info'],
    ['propagation.negative_cached', 'info'],
    ['propagation.secondary_syncing', 'warning'],
    ['resolver.unreachable', 'warning'],
    ['resolver.servfail', 'warning'],
    ['caa.blocks_ca', 'error'],
    ['caa.allows_ca', 'info'],
    ['caa.restricts', 'warning'],
    ['dnssec.bogus', 'error'],
    ['internal.check_failed', 'warning']
  ])('%s is %s', (id, severity) => {
    expect(FINDING_SEVERITY[id]).toBe(severity)
  })

  it('tells finding ids from other strings', () => {
    expect(isFindingId('record.ok')).toBe(true)
    expect(isFindingId('record.nope')).toBe(false)
  })
})

describe('severity order', () => {
  it('ranks error before warning before info before ok', () => {
    expect(['ok', 'info', 'error', 'warning'].map((s) => severityRank(s as Severity))).toEqual([3, 2, 0, 1])
    expect(compareSeverity('error', 'ok')).toBeLessThan(0)
    expect(compareSeverity('info', 'info')).toBe(0)
  })

  it('finds the worst severity', () => {
    expect(worstSeverity(['ok', 'info', 'warning'])).toBe('warning')
    expect(worstSeverity(['ok', 'error', 'info'])).toBe('error')
    expect(worstSeverity([])).toBeNull()
  })

  it('sorts findings most severe first and keeps the order of equals', () => {
    const findings = [
      { severity: 'info' as const, n: 1 },
      { severity: 'error' as const, n: 2 },
      { severity: 'ok' as const, n: 3 },
      { severity: 'error' as const, n: 4 },
      { severity: 'warning' as const, n: 5 }
    ]
    expect(sortFindings(findings).map((f) => f.n)).toEqual([2, 4, 5, 1, 3])
    expect(findings.map((f) => f.n)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('params contract', () => {
  it('builds a finding with the catalog severity', () => {
    const finding = createFinding('record.ttl_long', { name: '_dnsauth.example.com', ttl: 3600, recommended: 300 })
    expect(finding).toEqual({
      id: 'record.ttl_long',
      severity: 'warning',
      params: { name: '_dnsauth.example.com', ttl: 3600, recommended: 300 },
      evidence: []
    })
    expect(checkFindingParams(finding.id, finding.params)).toEqual([])
  })

  it('reports missing, unknown and mistyped params', () => {
    expect(checkFindingParams('record.missing', { name: 'a.example.com', values: ['v'] })).toEqual([
      'record.missing: missing param "type"'
    ])
    expect(checkFindingParams('record.missing', { name: 'a', type: 'TXT', values: ['v'], extra: 1 })).toEqual([
      'record.missing: unknown param "extra"'
    ])
    expect(checkFindingParams('record.ttl_long', { name: 'a', ttl: '3600', recommended: 300 })).toEqual([
      'record.ttl_long: param "ttl" should be number, got "3600"'
    ])
    expect(checkFindingParams('record.stale_value', { name: 'a', stale: 'old' })).toHaveLength(1)
    expect(
      checkFindingParams('record.wrong_name', { expectedName: 'a', foundName: 'b', hint: 'typo', host: 'h' })
    ).toEqual([
      'record.wrong_name: param "hint" should be one of zone_doubled | www_apex | wildcard | missing_underscore | other, got "typo"'
    ])
  })

  it('joins lists for messages and leaves scalars alone', () => {
    expect(messageParams({ nameservers: ['ns1.example.net', 'ns2.example.net'], seconds: 42, ok: true })).toEqual({
      nameservers: 'ns1.example.net, ns2.example.net',
      seconds: 42,
      ok: 'true'
    })
    expect(messageParams({ stale: ['a', 'b'] }, ' / ')).toEqual({ stale: 'a / b' })
  })
})

describe('deriveVerdict', () => {
  const named = new Set<FindingId>(['record.ok', 'propagation.secondary_syncing'])
  const f = (id: FindingId, params: Record<string, string> = named.has(id) ? { name: '_dnsauth.example.com' } : {}) => ({
    id,
    severity: FINDING_SEVERITY[id],
    params
  })

  it.each<[string, FindingId[], string]>([
    ['record in place everywhere', ['record.ok', 'delegation.provider', 'caa.allows_ca'], 'verified'],
    ['record in place, a long TTL only warns', ['record.ok', 'record.ttl_long'], 'verified'],
    ['record in place, a resolver still has the old answer', ['record.ok', 'propagation.pending'], 'waiting'],
    ['record in place, a resolver cached "not found"', ['record.ok', 'propagation.negative_cached'], 'waiting'],
    ['record in place but CAA blocks the CA', ['record.ok', 'caa.blocks_ca'], 'action_needed'],
    ['record in place but an old value is still there (the guide: the new one will not take effect)', ['record.ok', 'record.stale_value'], 'action_needed'],
    ['record in place, a resolver cannot see the domain (company DNS, private root)', ['record.ok', 'resolver.different_view'], 'verified'],
    ['record in place, resolvers do not answer', ['record.ok', 'resolver.unreachable'], 'verified'],
    ['record missing', ['record.missing', 'delegation.provider'], 'action_needed'],
    // Nothing shows the record in place (every server unreachable, say): the user has to act.
    ['nothing shows the record', ['delegation.provider', 'delegation.unreachable'], 'action_needed'],
    ['no server of the zone answers', ['delegation.no_server_answers', 'resolver.servfail'], 'action_needed'],
    // Some servers have it and the others are only behind on serial: wait for them, nothing to fix.
    ['a secondary still syncing the record', ['propagation.secondary_syncing', 'delegation.provider'], 'waiting'],
    ['a secondary still syncing, and a resolver cached "not found"', ['propagation.secondary_syncing', 'propagation.negative_cached'], 'waiting'],
    ['a secondary still syncing beside a real problem', ['propagation.secondary_syncing', 'record.stale_value'], 'action_needed'],
    ['record in place, CAA restricts issuance and no CA was named', ['record.ok', 'caa.restricts'], 'verified'],
    ['no findings at all', [], 'action_needed']
  ])('%s → %s', (_case, ids, verdict) => {
    expect(deriveVerdict(ids.map((id) => f(id)))).toBe(verdict)
  })

  it('needs every record name confirmed when the names are given', () => {
    const ok = (name: string) => f('record.ok', { name })
    expect(deriveVerdict([ok('_dnsauth.a.example')], ['_dnsauth.a.example', '_dnsauth.b.example'])).toBe('action_needed')
    expect(deriveVerdict([ok('_dnsauth.a.example'), ok('_dnsauth.b.example')], ['_dnsauth.a.example', '_dnsauth.b.example'])).toBe('verified')
  })

  it('counts a name still syncing to a secondary as there, not yet everywhere', () => {
    const names = ['_dnsauth.a.example', '_dnsauth.b.example']
    const syncing = (name: string) => f('propagation.secondary_syncing', { name })
    expect(deriveVerdict([f('record.ok', { name: names[0]! }), syncing(names[1]!)], names)).toBe('waiting')
    expect(deriveVerdict([syncing(names[0]!)], names)).toBe('action_needed')
  })
})
