import { describe, expect, it } from 'vitest'
import { recordValueRule } from '../../../../src/main/diagnosis/rules/record-value'
import { auth, checkRuleCase, DOMAIN, input, NAME, nearMiss, NS1, NS2, observations, record, TOKEN, txtRecords, type RuleCase } from '../../../support/diagnosis-fixtures'

const OLD = 'old-token-0000'
const both = (o: Parameters<typeof auth>[0]) => [auth(o), auth({ ...o, ...NS2 })]
const ALL = [
  'record.ok',
  'record.value_missing',
  'record.value_mismatch',
  'record.value_quoted',
  'record.value_whitespace',
  'record.stale_value',
  'delegation.inconsistent',
  'propagation.secondary_syncing'
] as const
const others = (...keep: (typeof ALL)[number][]) => ALL.filter((id) => !keep.includes(id))

// The apex (host `@`) is a shared name: its TXT record set holds values for e-mail and other services too.
const APEX = input({ host: '@' })
const atApex = (values: string[]) => observations({ input: APEX, authoritative: [auth({ name: DOMAIN, values }), auth({ name: DOMAIN, values, ...NS2 })] })
const SPF = 'v=spf1 include:_spf.mail.example.net -all'
const GOOGLE = 'google-site-verification=abcdef123'
const MS = 'MS=ms12345678'
/** A token from a previous order: same shape as TOKEN (date, then random base36), nothing in common. */
const OLD_SAME_SHAPE = '20230114000000z9k2c0rj4xq1n8w7p5s6t3v2b1m0l9h8g7f6e5d4c3b2a1xy'

const cases: RuleCase[] = [
  {
    name: 'the token on every server',
    obs: observations(),
    expect: ['record.ok'],
    forbid: others('record.ok'),
    params: { 'record.ok': { name: NAME, type: 'TXT', servers: 2 } },
    verdict: 'verified'
  },
  {
    name: 'the token beside an old one',
    obs: observations({ authoritative: both({ values: [OLD, TOKEN] }) }),
    expect: ['record.ok', 'record.stale_value'],
    forbid: others('record.ok', 'record.stale_value'),
    params: { 'record.stale_value': { name: NAME, stale: [OLD] } },
    // The CA's guide: the record left from the previous certificate keeps the new one from taking effect.
    verdict: 'action_needed'
  },
  {
    name: 'one server unreachable: the token on the one that answers',
    obs: observations({ authoritative: [auth(), auth({ ...NS2, status: 'timeout' })] }),
    expect: ['record.ok'],
    forbid: others('record.ok'),
    params: { 'record.ok': { servers: 1 } }
  },
  {
    name: 'one server has the token, the other another value',
    obs: observations({ authoritative: [auth(), auth({ ...NS2, values: [OLD] })] }),
    expect: ['delegation.inconsistent', 'record.stale_value'],
    forbid: others('delegation.inconsistent', 'record.stale_value'),
    params: { 'delegation.inconsistent': { name: NAME, what: 'answers' }, 'record.stale_value': { stale: [OLD] } },
    verdict: 'action_needed'
  },
  {
    name: 'one server has the token, the other says NXDOMAIN',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain' }), auth(NS2)] }),
    expect: ['delegation.inconsistent'],
    forbid: others('delegation.inconsistent'),
    params: {
      'delegation.inconsistent': {
        what: 'answers',
        details: `has the record: ${NS2.server} (${NS2.address}); does not: ${NS1.server} (${NS1.address})`
      }
    }
  },
  {
    // The CA may ask the lagging server now, so wait; nothing to fix, one finding (not answers and serials apart).
    name: 'a secondary behind on serial without the record: still syncing, one finding, waiting',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', soaSerial: 1 }), auth({ ...NS2, soaSerial: 2 })] }),
    expect: ['propagation.secondary_syncing'],
    forbid: others('propagation.secondary_syncing'),
    params: {
      'propagation.secondary_syncing': { name: NAME, zone: 'example.com', servers: [`${NS1.server} (${NS1.address})`], serials: ['1'], serial: 2 }
    },
    verdict: 'waiting'
  },
  {
    name: 'a secondary behind still holding the old value: syncing, and the old value is not reported as left over',
    obs: observations({ authoritative: [auth({ values: [OLD], soaSerial: 1 }), auth({ ...NS2, soaSerial: 2 })] }),
    expect: ['propagation.secondary_syncing'],
    forbid: others('propagation.secondary_syncing'),
    verdict: 'waiting'
  },
  {
    name: 'serials wrap around (RFC 1982): 4294967295 is before 3',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', soaSerial: 4294967295 }), auth({ ...NS2, soaSerial: 3 })] }),
    expect: ['propagation.secondary_syncing']
  },
  {
    name: 'the server without the record has the newer serial: not syncing, they disagree',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', soaSerial: 3 }), auth({ ...NS2, soaSerial: 2 })] }),
    expect: ['delegation.inconsistent'],
    forbid: ['propagation.secondary_syncing'],
    verdict: 'action_needed'
  },
  {
    name: 'a server without a serial: cannot tell it is behind, they disagree',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', soaSerial: null }), auth({ ...NS2, soaSerial: 2 })] }),
    expect: ['delegation.inconsistent'],
    forbid: ['propagation.secondary_syncing']
  },
  {
    name: 'the current server also holds an old value: syncing, and that old value is left over',
    obs: observations({ authoritative: [auth({ values: [], status: 'nxdomain', soaSerial: 1 }), auth({ ...NS2, values: [OLD, TOKEN], soaSerial: 2 })] }),
    expect: ['propagation.secondary_syncing', 'record.stale_value'],
    params: { 'record.stale_value': { stale: [OLD] } },
    verdict: 'action_needed'
  },
  {
    name: 'another value',
    obs: observations({ authoritative: both({ values: ['something-else'] }) }),
    expect: ['record.value_mismatch'],
    forbid: others('record.value_mismatch'),
    params: { 'record.value_mismatch': { name: NAME, expected: TOKEN, found: 'something-else' } },
    verdict: 'action_needed'
  },
  {
    name: 'the closest of several other values is the attempt; the others are left from before',
    obs: observations({ authoritative: both({ values: ['zzz', `${TOKEN.slice(0, -1)}X`] }) }),
    expect: ['record.value_mismatch', 'record.stale_value'],
    params: { 'record.value_mismatch': { found: `${TOKEN.slice(0, -1)}X` }, 'record.stale_value': { stale: ['zzz'] } }
  },
  {
    name: 'an old token sharing the new one\'s date prefix is still old: the attempt is the one with a typo',
    obs: observations({ authoritative: both({ values: [`${TOKEN.slice(0, 14)}${'q'.repeat(TOKEN.length - 14)}`, `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}`] }) }),
    expect: ['record.value_mismatch', 'record.stale_value'],
    params: {
      'record.value_mismatch': { found: `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}` },
      'record.stale_value': { stale: [`${TOKEN.slice(0, 14)}${'q'.repeat(TOKEN.length - 14)}`] }
    },
    verdict: 'action_needed'
  },
  {
    name: 'two values expected at one name, both there: in place, neither is old',
    obs: observations({
      input: input({ records: [record({ domain: DOMAIN }), record({ domain: `*.${DOMAIN}`, value: OLD })] }),
      authoritative: both({ values: [TOKEN, OLD] })
    }),
    expect: ['record.ok'],
    forbid: others('record.ok'),
    verdict: 'verified'
  },
  {
    name: 'two values expected at one name, one there: the other is missing, for its domain only',
    obs: observations({
      input: input({ records: [record({ domain: DOMAIN }), record({ domain: `*.${DOMAIN}`, value: OLD })] }),
      authoritative: both({ values: [TOKEN] })
    }),
    expect: ['record.value_missing'],
    forbid: others('record.value_missing'),
    params: { 'record.value_missing': { name: NAME, value: OLD, domains: [`*.${DOMAIN}`], present: [TOKEN] } },
    verdict: 'action_needed'
  },
  {
    name: 'the value in quotes',
    obs: observations({ authoritative: both({ values: [`"${TOKEN}"`] }) }),
    expect: ['record.value_quoted'],
    forbid: others('record.value_quoted'),
    params: { 'record.value_quoted': { name: NAME, found: `"${TOKEN}"` } },
    verdict: 'action_needed'
  },
  {
    name: 'quoted, with an old value beside it: both causes at once',
    obs: observations({ authoritative: both({ values: [OLD, `\u201c${TOKEN}\u201d`] }) }),
    expect: ['record.value_quoted', 'record.stale_value'],
    forbid: others('record.value_quoted', 'record.stale_value'),
    params: { 'record.value_quoted': { found: `\u201c${TOKEN}\u201d` }, 'record.stale_value': { stale: [OLD] } },
    verdict: 'action_needed'
  },
  {
    name: 'split, with an old value beside it: both causes, the pieces are not old',
    obs: observations({ authoritative: both({ values: [OLD, TOKEN.slice(0, 30), TOKEN.slice(30)] }) }),
    expect: ['record.value_whitespace', 'record.stale_value'],
    params: { 'record.value_whitespace': { difference: 'split' }, 'record.stale_value': { stale: [OLD] } }
  },
  {
    name: 'the token at a near-miss name: what is at the right name is left from before, not an attempt',
    obs: observations({ authoritative: both({ values: [OLD] }), nearMisses: [nearMiss()] }),
    expect: ['record.stale_value'],
    forbid: others('record.stale_value'),
    params: { 'record.stale_value': { stale: [OLD] } }
  },
  {
    name: 'a trailing space',
    obs: observations({ authoritative: both({ values: [`${TOKEN} `] }) }),
    expect: ['record.value_whitespace'],
    forbid: others('record.value_whitespace'),
    params: { 'record.value_whitespace': { name: NAME, expected: TOKEN, found: `${TOKEN} `, difference: 'spaces' } }
  },
  {
    name: 'an NBSP',
    obs: observations({ authoritative: both({ values: [`${TOKEN.slice(0, 5)}\u00a0${TOKEN.slice(5)}`] }) }),
    expect: ['record.value_whitespace'],
    params: { 'record.value_whitespace': { difference: 'spaces' } }
  },
  {
    name: 'upper case',
    obs: observations({ authoritative: both({ values: [TOKEN.toUpperCase()] }) }),
    expect: ['record.value_whitespace'],
    params: { 'record.value_whitespace': { difference: 'case' } }
  },
  {
    name: 'a zero-width space',
    obs: observations({ authoritative: both({ values: [`\u200b${TOKEN}`] }) }),
    expect: ['record.value_whitespace'],
    params: { 'record.value_whitespace': { difference: 'invisible' } }
  },
  {
    name: 'split across two records',
    obs: observations({ authoritative: both({ values: [TOKEN.slice(0, 30), TOKEN.slice(30)] }) }),
    expect: ['record.value_whitespace'],
    forbid: others('record.value_whitespace'),
    params: {
      'record.value_whitespace': { expected: TOKEN, found: `${TOKEN.slice(0, 30)} + ${TOKEN.slice(30)}`, difference: 'split' }
    }
  },
  {
    name: 'one record of several strings (a long value split by the console) is the value joined',
    obs: observations({
      authoritative: both({ values: [TOKEN], records: txtRecords(NAME, [[TOKEN.slice(0, 30), TOKEN.slice(30)]]) })
    }),
    expect: ['record.ok'],
    forbid: others('record.ok')
  },
  {
    name: 'apex: the token beside SPF and another service\'s verification is in place; they are not old values',
    obs: atApex([SPF, GOOGLE, TOKEN, MS]),
    expect: ['record.ok'],
    forbid: others('record.ok'),
    params: { 'record.ok': { name: DOMAIN } },
    verdict: 'verified'
  },
  {
    name: 'apex: only SPF and another verification, the token absent: not an attempt, not old (placement says missing)',
    obs: atApex([SPF, GOOGLE]),
    forbid: ALL
  },
  {
    name: 'apex: a previous token of the same shape beside the new one is old; SPF is not',
    obs: atApex([SPF, OLD_SAME_SHAPE, TOKEN]),
    expect: ['record.ok', 'record.stale_value'],
    forbid: others('record.ok', 'record.stale_value'),
    params: { 'record.stale_value': { name: DOMAIN, stale: [OLD_SAME_SHAPE] } },
    verdict: 'action_needed'
  },
  {
    name: 'apex: a previous token of the same shape with the new one absent is old, not an attempt at it',
    obs: atApex([SPF, OLD_SAME_SHAPE]),
    expect: ['record.stale_value'],
    forbid: others('record.stale_value'),
    params: { 'record.stale_value': { stale: [OLD_SAME_SHAPE] } }
  },
  {
    name: 'apex: a botched copy of the token beside SPF is the attempt',
    obs: atApex([SPF, `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}`]),
    expect: ['record.value_mismatch'],
    forbid: others('record.value_mismatch'),
    params: { 'record.value_mismatch': { name: DOMAIN, expected: TOKEN, found: `${TOKEN.slice(0, 20)}Z${TOKEN.slice(21)}` } }
  },
  {
    name: 'apex: the token in quotes beside SPF is the attempt (quoted)',
    obs: atApex([SPF, `"${TOKEN}"`]),
    expect: ['record.value_quoted'],
    forbid: others('record.value_quoted')
  },
  {
    name: 'apex: the token stored with the CA\'s prefix the order did not show is the attempt',
    obs: atApex([SPF, `globalsign-domain-verification=${TOKEN}`]),
    expect: ['record.value_mismatch'],
    forbid: others('record.value_mismatch'),
    params: { 'record.value_mismatch': { found: `globalsign-domain-verification=${TOKEN}` } }
  },
  {
    name: 'apex: a short unrelated value (a site\'s own note) is neither attempt nor old',
    obs: atApex(['hello world', TOKEN]),
    expect: ['record.ok'],
    forbid: others('record.ok'),
    verdict: 'verified'
  },
  {
    name: 'apex, prefixed tokens: the previous one with the same prefix is old; another service\'s is not',
    obs: observations({
      input: input({ host: '@', value: `globalsign-domain-verification=${TOKEN}` }),
      authoritative: both({ name: DOMAIN, values: [`globalsign-domain-verification=${OLD_SAME_SHAPE}`, GOOGLE, `globalsign-domain-verification=${TOKEN}`] })
    }),
    expect: ['record.ok', 'record.stale_value'],
    forbid: others('record.ok', 'record.stale_value'),
    params: { 'record.stale_value': { stale: [`globalsign-domain-verification=${OLD_SAME_SHAPE}`] } }
  },
  {
    name: 'dedicated name: an SPF record put there by mistake is not an old token, anything else is',
    obs: observations({ authoritative: both({ values: [SPF, 'zzz', TOKEN] }) }),
    expect: ['record.ok', 'record.stale_value'],
    params: { 'record.stale_value': { stale: ['zzz'] } }
  },
  {
    name: 'dedicated name, the token absent: another service\'s verification there is not the attempt, the other value is',
    obs: observations({ authoritative: both({ values: [GOOGLE, 'something-else'] }) }),
    expect: ['record.value_mismatch'],
    forbid: others('record.value_mismatch'),
    params: { 'record.value_mismatch': { found: 'something-else' } }
  },
  {
    name: 'a wildcard\'s answer at the name is no record there: neither an attempt nor an old value',
    obs: observations({ authoritative: both({ values: ['some-other-token-0000'], wildcard: true }) }),
    forbid: ALL
  },
  {
    name: 'nothing of the type at the name: left to the placement rule',
    obs: observations({ authoritative: both({ values: [], status: 'nxdomain' }) }),
    forbid: ALL
  },
  {
    name: 'no server reachable: nothing to say about the value',
    obs: observations({ authoritative: [auth({ status: 'timeout' }), auth({ ...NS2, status: 'lame' })] }),
    forbid: ALL
  },
  {
    name: 'CNAME: the target compares as a name',
    obs: observations({
      input: input({ type: 'CNAME', value: 'abc.dcv.example.net' }),
      authoritative: both({ values: ['ABC.dcv.example.net.'], records: [] })
    }),
    expect: ['record.ok'],
    forbid: others('record.ok')
  },
  {
    name: 'CNAME: another target',
    obs: observations({
      input: input({ type: 'CNAME', value: 'abc.dcv.example.net' }),
      authoritative: both({ values: ['xyz.dcv.example.net'], records: [] })
    }),
    expect: ['record.value_mismatch'],
    forbid: others('record.value_mismatch'),
    params: { 'record.value_mismatch': { expected: 'abc.dcv.example.net', found: 'xyz.dcv.example.net' } }
  },
  {
    name: 'two certificate domains, two names: each judged on its own',
    obs: observations({
      input: input({ domains: ['example.com', 'shop.example.com'] }),
      authoritative: [auth(), auth({ name: '_dnsauth.shop.example.com', values: ['wrong'] })]
    }),
    expect: ['record.ok', 'record.value_mismatch'],
    params: { 'record.ok': { name: NAME, servers: 1 }, 'record.value_mismatch': { name: '_dnsauth.shop.example.com' } }
  }
]

describe('record-value rule', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkRuleCase(recordValueRule, c)
  })

  it('puts the first differing byte of a mismatch in the evidence', () => {
    const [finding] = recordValueRule.check(observations({ authoritative: [auth({ values: ['abcX'] })], input: input({ value: 'abcd' }) }))
    expect(finding!.evidence.at(-1)!.note).toBe('First difference at byte 3 (expected 4 bytes, found 4): expected …626364… found …626358… (hex)')
  })

  it('names every server asked in the evidence', () => {
    const [finding] = recordValueRule.check(observations())
    expect(finding!.evidence.map((e) => e.server)).toEqual([`${NS1.server} (${NS1.address})`, `${NS2.server} (${NS2.address})`])
  })
})
