/**
 * The finding catalog: the contract between the diagnosis engine, the CLI's JSON, the UI and the translations.
 *
 * A finding id is stable and dotted (`area.name`). Its meaning never changes; a new cause gets a new id. Words for
 * people live only in `src/shared/locales/*.json` under `findings.<id>.title | explain | fix` (nested JSON, so
 * the key path is literally `findings.record.missing.title`); `fix` may hold several steps separated by "\n". Every
 * `{placeholder}` there is one of the params listed for that id below.
 * For a param with a closed set of values (e.g. `hint`) or a boolean, `findings.<id>.<param>.<value>` (`true` / `false` for a boolean) holds one more sentence
 * for that case, shown after `explain` (e.g. `findings.record.wrong_name.hint.zone_doubled`).
 *
 * Params per finding (the names messages may use; arrays are joined by `messageParams` before interpolation):
 *
 * | id                               | severity | params                                                                 |
 * | -------------------------------- | -------- | ---------------------------------------------------------------------- |
 * | record.ok                        | ok       | name, type, servers:number                                             |
 * | record.missing                   | error    | name, type, values:string[] (the values to add there)                  |
 * | record.value_mismatch            | error    | name, expected, found                                                  |
 * | record.value_quoted              | error    | name, found                                                            |
 * | record.value_whitespace          | error    | name, expected, found, difference: spaces|case|invisible|split         |
 * | record.stale_value               | error    | name, stale:string[]                                                   |
 * | record.value_missing             | error    | name, type, value (the expected value that is not there), domains:     |
 * |                                  |          |   string[] (the certificate domains it is for), present:string[] (the  |
 * |                                  |          |   expected values that are there)                                      |
 * | record.wrong_name                | error    | expectedName, foundName, hint: zone_doubled|www_apex|wildcard|         |
 * |                                  |          |   missing_underscore|other, host (what to type in the host field)      |
 * | record.wrong_type                | error    | name, expectedType, foundType, found (content of the record that is    |
 * |                                  |          |   there: its CNAME target or TXT text), expected (the value to put)    |
 * | record.cname_conflict            | error    | name, target                                                           |
 * | record.ttl_long                  | warning  | name, ttl:number, recommended:number (300)                             |
 * | zone.not_found                   | error    | domain, registrable (by the Public Suffix List; empty when the domain  |
 * |                                  |          |   is a public suffix itself), kind: not_registered|not_delegated       |
 * | delegation.provider              | info     | provider (catalog id), providerName, nameservers:string[]              |
 * | delegation.wrong_platform        | error    | expected, expectedName, actual, actualName, nameservers:string[]       |
 * | delegation.record_at_other_platform | error | platform (catalog id), platformName, platformNameservers:string[] (the  |
 * |                                  |          |   platform's servers asked), name, values:string[] (found there),      |
 * |                                  |          |   nameservers:string[] (the ones the domain is delegated to)           |
 * | delegation.unreachable           | warning  | server, address (the first), servers:string[] (every `host (address)`  |
 * |                                  |          |   with this reason), reason: timeout|refused|lame|servfail|network|    |
 * |                                  |          |   malformed, ignored:number (replies dropped as malformed/mismatched)  |
 * | delegation.no_server_answers     | error    | zone (where the servers were asked), servers:string[] (every           |
 * |                                  |          |   `host (address)`), reason (the first server's, as for unreachable)   |
 * | delegation.inconsistent          | error    | name, what: answers|serials, details                                   |
 * | delegation.parent_child_mismatch | warning  | zone, parent:string[], child:string[]                                  |
 * | propagation.pending              | info     | resolver (the first), resolvers:string[], name, seconds:number (the    |
 * |                                  |          |   longest remaining TTL, always > 0)                                   |
 * | propagation.negative_cached      | info     | resolver, resolvers:string[], name, seconds:number (the longest        |
 * |                                  |          |   remaining negative TTL, always > 0)                                  |
 * | propagation.secondary_syncing    | warning  | name, zone, servers:string[] (the `host (address)` still without the   |
 * |                                  |          |   record), serials:string[] (their SOA serials), serial:number (the    |
 * |                                  |          |   lowest serial that serves the record)                                |
 * | resolver.unreachable             | warning  | resolver, resolvers:string[], reason: timeout|refused|rejected|network||
 * |                                  |          |   malformed, ignored:number                                            |
 * | resolver.servfail                | warning  | resolver, resolvers:string[], name                                     |
 * | resolver.different_view          | warning  | resolver, resolvers:string[], rcodes:string[] (the distinct answers,   |
 * |                                  |          |   e.g. NXDOMAIN), name, zone, apexVisible:boolean                      |
 * | caa.blocks_ca                    | error    | domain (the first), domains:string[], foundAt, ca (catalog id), caName,|
 * |                                  |          |   record (exact CAA record to add, e.g.                                |
 * |                                  |          |   `example.com. CAA 0 issue "digicert.com"`; for `critical`, the       |
 * |                                  |          |   critical record(s) to remove), tag: issue|issuewild|critical (the    |
 * |                                  |          |   list that leaves the CA out, or a critical unknown tag: RFC 8659)    |
 * | caa.allows_ca                    | info     | domain, domains:string[], foundAt, ca, caName                          |
 * | caa.restricts                    | warning  | domain, domains:string[], foundAt, allowed:string[] (issuer domains    |
 * |                                  |          |   the relevant list names), anyAllowed:boolean (false: `;` only)       |
 * | dnssec.bogus                     | error    | resolver, resolvers:string[], name, zone, ede (Extended DNS Error text,|
 * |                                  |          |   may be empty), cause: signature_expired|signature_not_yet_valid|     |
 * |                                  |          |   ds_mismatch|missing_signatures|unknown, validFrom, validUntil (the   |
 * |                                  |          |   signature's validity window as ISO 8601 dates, empty when unknown)   |
 * | check.deadline                   | warning  | seconds:number (the time limit of the check)                           |
 * | internal.check_failed            | warning  | check, message                                                         |
 *
 * One finding per cause: the same cause seen at several servers or resolvers is one finding whose `servers` /
 * `resolvers` list them all (the singular `server` / `resolver` / `domain` param names the first, for messages
 * about one and for readers of older reports).
 *
 * Server reasons (`delegation.unreachable`, `resolver.unreachable`) say what the server did: `timeout` no answer
 * in time; `refused` the connection was refused (nothing listens on that address and port); `lame` it answered
 * REFUSED or without authority (it does not serve the zone); `rejected` a resolver answered REFUSED (it will not
 * resolve for us); `servfail` it answered SERVFAIL; `network` the network could not reach it; `malformed` only
 * malformed or mismatched replies came back and were ignored (`ignored` counts them).
 *
 * Unmarked params are strings. `FINDING_PARAM_SPEC` below is the same table in machine-readable form; the
 * `FindingParamsOf<Id>` type and `checkFindingParams()` are derived from it.
 */

import { findingMessageKey as messageKeyOf, type FindingMessagePart } from './finding-message-key'

export const FINDING_IDS = [
  'record.ok',
  'record.missing',
  'record.value_mismatch',
  'record.value_quoted',
  'record.value_whitespace',
  'record.stale_value',
  'record.value_missing',
  'record.wrong_name',
  'record.wrong_type',
  'record.cname_conflict',
  'record.ttl_long',
  'zone.not_found',
  'delegation.provider',
  'delegation.wrong_platform',
  'delegation.record_at_other_platform',
  'delegation.unreachable',
  'delegation.no_server_answers',
  'delegation.inconsistent',
  'delegation.parent_child_mismatch',
  'propagation.pending',
  'propagation.negative_cached',
  'propagation.secondary_syncing',
  'resolver.unreachable',
  'resolver.servfail',
  'resolver.different_view',
  'caa.blocks_ca',
  'caa.allows_ca',
  'caa.restricts',
  'dnssec.bogus',
  'check.deadline',
  'internal.check_failed'
] as const

export type FindingId = (typeof FINDING_IDS)[number]

/** `error` blocks verification; `warning` may block, or will bite later; `info` explains; `ok` confirms. */
export type Severity = 'error' | 'warning' | 'info' | 'ok'

/** Most severe first. */
export const SEVERITIES = ['error', 'warning', 'info', 'ok'] as const satisfies readonly Severity[]

export const FINDING_SEVERITY: Record<FindingId, Severity> = {
  // the expected record is at the name on every reachable authoritative server
  'record.ok': 'ok',
  // authoritative servers have no such record (NXDOMAIN or no data); records of the type there for other purposes
  // (SPF, another service's verification at the apex) or answered from a wildcard are not such a record
  'record.missing': 'error',
  // a record is there but its value differs (byte-level diff in evidence)
  'record.value_mismatch': 'error',
  // the stored value carries literal quotes around the expected one
  'record.value_quoted': 'error',
  // differs only by spaces, case, invisible characters (zero-width, NBSP) or a split
  'record.value_whitespace': 'error',
  // an old value is still there beside the expected one (old record not deleted). The CA's guide: "If the record
  // added for the previous certificate is not deleted, the record added for the current certificate will not take
  // effect", so it blocks until only expected values remain.
  'record.stale_value': 'error',
  // several values are expected at one name (one per certificate domain, e.g. a wildcard and its apex) and one of
  // them is not there while the others are
  'record.value_missing': 'error',
  // the record was found at a near-miss name: zone doubled, www/apex mix-up, wildcard label, missing underscore
  'record.wrong_name': 'error',
  // found as another type than required (TXT vs CNAME)
  'record.wrong_type': 'error',
  // a CNAME at the name hides the TXT, or points elsewhere
  'record.cname_conflict': 'error',
  // record TTL above 300 s
  'record.ttl_long': 'warning',
  // the domain does not resolve at all (no delegation / NXDOMAIN at the parent)
  'zone.not_found': 'error',
  // which platform hosts the domain's DNS, named from its NS hosts
  'delegation.provider': 'info',
  // the platform the user named is not the one the domain's NS point to
  'delegation.wrong_platform': 'error',
  // the record is at the platform the user named, while the domain's name servers point to another one: the
  // precise form of wrong_platform (reported instead of it when the record is found there)
  'delegation.record_at_other_platform': 'error',
  // an authoritative server times out, refuses or is lame
  'delegation.unreachable': 'warning',
  // none of the zone's delegated servers gave a usable answer (all silent, refusing or lame): the CA can only ask
  // these servers, so verification will fail until they answer
  'delegation.no_server_answers': 'error',
  // authoritative servers disagree (answers or SOA serials)
  'delegation.inconsistent': 'error',
  // the NS set at the parent differs from the zone's own NS set
  'delegation.parent_child_mismatch': 'warning',
  // authoritative servers are right; a resolver still serves the old answer; ETA from its remaining TTL
  'propagation.pending': 'info',
  // a resolver cached "does not exist"; ETA from the SOA negative TTL
  'propagation.negative_cached': 'info',
  // some servers have the record, and every one without it serves an older zone (lower SOA serial): a secondary
  // still copying the change. The CA may ask one of them now, so wait (it counts as still propagating)
  'propagation.secondary_syncing': 'warning',
  // a chosen resolver did not answer
  'resolver.unreachable': 'warning',
  // a resolver answers SERVFAIL for the name, not explained by DNSSEC
  'resolver.servfail': 'warning',
  // a resolver cannot see this domain as the authoritative servers serve it (split/company DNS, an intercepting
  // network, a private root): its answer says nothing about what the CA will see, so it never makes us wait
  'resolver.different_view': 'warning',
  // CAA found by RFC 8659 tree climbing does not allow the chosen CA (issue / issuewild)
  'caa.blocks_ca': 'error',
  // CAA present and allows the CA
  'caa.allows_ca': 'info',
  // CAA present and restricting issuance while no CA was chosen: cannot tell whether the user's CA is listed
  'caa.restricts': 'warning',
  // a validating resolver answers SERVFAIL while the same query with CD=1 answers
  'dnssec.bogus': 'error',
  // the check reached its time limit with servers still unanswered: what follows is what was seen by then
  'check.deadline': 'warning',
  // one check could not run (a rule that throws becomes this, never a crash)
  'internal.check_failed': 'warning'
}

/** How one param is typed: a scalar kind, a list of strings, or one of a closed set of words. */
export type ParamKind = 'string' | 'number' | 'boolean' | 'string[]' | readonly [string, ...string[]]

const WRONG_NAME_HINTS = ['zone_doubled', 'www_apex', 'wildcard', 'missing_underscore', 'other'] as const
const WHITESPACE_DIFFERENCES = ['spaces', 'case', 'invisible', 'split'] as const
const UNREACHABLE_REASONS = ['timeout', 'refused', 'lame', 'servfail', 'network', 'malformed'] as const
const RESOLVER_FAILURE_REASONS = ['timeout', 'refused', 'rejected', 'network', 'malformed'] as const
const DNSSEC_CAUSES = ['signature_expired', 'signature_not_yet_valid', 'ds_mismatch', 'missing_signatures', 'unknown'] as const
const INCONSISTENT_WHAT = ['answers', 'serials'] as const
const CAA_TAGS = ['issue', 'issuewild', 'critical'] as const
const ZONE_NOT_FOUND_KINDS = ['not_registered', 'not_delegated'] as const

/** The param table above, machine-readable. Every param listed is required. */
export const FINDING_PARAM_SPEC = {
  'record.ok': { name: 'string', type: 'string', servers: 'number' },
  'record.missing': { name: 'string', type: 'string', values: 'string[]' },
  'record.value_mismatch': { name: 'string', expected: 'string', found: 'string' },
  'record.value_quoted': { name: 'string', found: 'string' },
  'record.value_whitespace': {
    name: 'string',
    expected: 'string',
    found: 'string',
    difference: WHITESPACE_DIFFERENCES
  },
  'record.stale_value': { name: 'string', stale: 'string[]' },
  'record.value_missing': { name: 'string', type: 'string', value: 'string', domains: 'string[]', present: 'string[]' },
  'record.wrong_name': { expectedName: 'string', foundName: 'string', hint: WRONG_NAME_HINTS, host: 'string' },
  'record.wrong_type': { name: 'string', expectedType: 'string', foundType: 'string', found: 'string', expected: 'string' },
  'record.cname_conflict': { name: 'string', target: 'string' },
  'record.ttl_long': { name: 'string', ttl: 'number', recommended: 'number' },
  'zone.not_found': { domain: 'string', registrable: 'string', kind: ZONE_NOT_FOUND_KINDS },
  'delegation.provider': { provider: 'string', providerName: 'string', nameservers: 'string[]' },
  'delegation.wrong_platform': {
    expected: 'string',
    expectedName: 'string',
    actual: 'string',
    actualName: 'string',
    nameservers: 'string[]'
  },
  'delegation.record_at_other_platform': {
    platform: 'string',
    platformName: 'string',
    platformNameservers: 'string[]',
    name: 'string',
    values: 'string[]',
    nameservers: 'string[]'
  },
  'delegation.unreachable': {
    server: 'string',
    address: 'string',
    servers: 'string[]',
    reason: UNREACHABLE_REASONS,
    ignored: 'number'
  },
  'delegation.no_server_answers': { zone: 'string', servers: 'string[]', reason: UNREACHABLE_REASONS },
  'delegation.inconsistent': { name: 'string', what: INCONSISTENT_WHAT, details: 'string' },
  'delegation.parent_child_mismatch': { zone: 'string', parent: 'string[]', child: 'string[]' },
  'propagation.pending': { resolver: 'string', resolvers: 'string[]', name: 'string', seconds: 'number' },
  'propagation.negative_cached': { resolver: 'string', resolvers: 'string[]', name: 'string', seconds: 'number' },
  'propagation.secondary_syncing': { name: 'string', zone: 'string', servers: 'string[]', serials: 'string[]', serial: 'number' },
  'resolver.unreachable': { resolver: 'string', resolvers: 'string[]', reason: RESOLVER_FAILURE_REASONS, ignored: 'number' },
  'resolver.servfail': { resolver: 'string', resolvers: 'string[]', name: 'string' },
  'resolver.different_view': {
    resolver: 'string',
    resolvers: 'string[]',
    rcodes: 'string[]',
    name: 'string',
    zone: 'string',
    apexVisible: 'boolean'
  },
  'caa.blocks_ca': {
    domain: 'string',
    domains: 'string[]',
    foundAt: 'string',
    ca: 'string',
    caName: 'string',
    record: 'string',
    tag: CAA_TAGS
  },
  'caa.allows_ca': { domain: 'string', domains: 'string[]', foundAt: 'string', ca: 'string', caName: 'string' },
  'caa.restricts': { domain: 'string', domains: 'string[]', foundAt: 'string', allowed: 'string[]', anyAllowed: 'boolean' },
  'dnssec.bogus': {
    resolver: 'string',
    resolvers: 'string[]',
    name: 'string',
    zone: 'string',
    ede: 'string',
    cause: DNSSEC_CAUSES,
    validFrom: 'string',
    validUntil: 'string'
  },
  'check.deadline': { seconds: 'number' },
  'internal.check_failed': { check: 'string', message: 'string' }
} as const satisfies Record<FindingId, Record<string, ParamKind>>

/** The recommended upper bound for a verification record's TTL, in seconds (`record.ttl_long`). */
export const RECOMMENDED_TTL = 300

type ParamTypeOf<K> = K extends 'string'
  ? string
  : K extends 'number'
    ? number
    : K extends 'boolean'
      ? boolean
      : K extends 'string[]'
        ? string[]
        : K extends readonly (infer U)[]
          ? U
          : never

/** The exact params of one finding id, e.g. `FindingParamsOf<'record.ttl_long'>` = `{ name; ttl; recommended }`. */
export type FindingParamsOf<Id extends FindingId> = {
  -readonly [P in keyof (typeof FINDING_PARAM_SPEC)[Id]]: ParamTypeOf<(typeof FINDING_PARAM_SPEC)[Id][P]>
}

export type ParamValue = string | number | boolean | string[]
export type FindingParams = Record<string, ParamValue>

/** One observation that backs a finding: which server was asked what, and what it said. */
export interface Evidence {
  server?: string
  resolver?: string
  query?: { name: string; type: string }
  rcode?: string
  records?: string[]
  ttl?: number
  elapsedMs?: number
  /** ISO 8601 time of the observation. */
  at?: string
  /** A remark in English (the CLI, the JSON). */
  note?: string
  /** The same remark as words of the locale tree (`ui.evidence.notes.<noteId>`), for the UI's language. */
  noteId?: EvidenceNoteId
}

/** Remarks on evidence that the UI words in the user's language. */
export const EVIDENCE_NOTE_IDS = ['wildcard'] as const
export type EvidenceNoteId = (typeof EVIDENCE_NOTE_IDS)[number]

export interface Finding {
  id: FindingId
  severity: Severity
  params: FindingParams
  evidence: Evidence[]
  /**
   * The records of the order (indexes into the input's records) this finding is about; absent for findings about
   * the whole check (the platform, a server, a resolver that does not answer).
   */
  records?: number[]
}

/** Where the user stands, derived from findings (never stored separately). */
export type Verdict = 'verified' | 'waiting' | 'action_needed'

export const VERDICTS = ['verified', 'waiting', 'action_needed'] as const satisfies readonly Verdict[]

export function isFindingId(value: string): value is FindingId {
  return (FINDING_IDS as readonly string[]).includes(value)
}

/** 0 for `error` up to 3 for `ok`: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

/** Sort comparator: most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b)
}

/** The most severe of the given severities, or null when there are none. */
export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null
  for (const severity of severities) {
    if (worst === null || compareSeverity(severity, worst) < 0) worst = severity
  }
  return worst
}

/** A copy of `findings`, most severe first; findings of equal severity keep their order. */
export function sortFindings<F extends Pick<Finding, 'severity'>>(findings: readonly F[]): F[] {
  return [...findings].sort((a, b) => compareSeverity(a.severity, b.severity))
}

/** Builds a finding with the catalog severity and params checked by type. */
export function createFinding<Id extends FindingId>(
  id: Id,
  params: FindingParamsOf<Id>,
  evidence: Evidence[] = []
): Finding {
  return { id, severity: FINDING_SEVERITY[id], params: params as FindingParams, evidence }
}

/** Problems with a finding's params against the contract (missing, extra, wrong kind); empty when it conforms. */
export function checkFindingParams(id: FindingId, params: Readonly<Record<string, unknown>>): string[] {
  const spec: Readonly<Record<string, ParamKind>> = FINDING_PARAM_SPEC[id]
  const problems: string[] = []
  for (const [param, kind] of Object.entries(spec)) {
    if (!(param in params)) {
      problems.push(`${id}: missing param "${param}"`)
      continue
    }
    const value = params[param]
    if (!matchesKind(value, kind)) {
      problems.push(`${id}: param "${param}" should be ${describeKind(kind)}, got ${JSON.stringify(value)}`)
    }
  }
  for (const param of Object.keys(params)) {
    if (!(param in spec)) problems.push(`${id}: unknown param "${param}"`)
  }
  return problems
}

/** The param names a message for `id` may use. */
export function findingParamNames(id: FindingId): string[] {
  return Object.keys(FINDING_PARAM_SPEC[id])
}

export type { FindingMessagePart } from './finding-message-key'

/** The locale key of one part of a finding's message, typed by the catalog's ids. */
export function findingMessageKey(id: FindingId, part: FindingMessagePart): string {
  return messageKeyOf(id, part)
}

/** The params of `id` that take a closed set of values, each with its values (each value has a variant sentence). */
export function findingVariantParams(id: FindingId): { param: string; values: readonly string[] }[] {
  const spec: Readonly<Record<string, ParamKind>> = FINDING_PARAM_SPEC[id]
  return Object.entries(spec).flatMap(([param, kind]) =>
    kind === 'boolean' ? [{ param, values: BOOLEAN_VALUES }] : typeof kind === 'string' ? [] : [{ param, values: kind }]
  )
}

/** A boolean param has a variant sentence for each value (`findings.<id>.<param>.true` / `.false`). */
const BOOLEAN_VALUES = ['true', 'false'] as const

/**
 * Locale keys of the fix steps for this finding's case, in param order: `findings.<id>.<param>Fix.<value>` (e.g.
 * `findings.dnssec.bogus.causeFix.ds_mismatch`). Optional per id: where present, these steps come before `fix`,
 * so the advice names the cause that was found rather than every possible one.
 */
export function findingFixVariantKeys(finding: Pick<Finding, 'id' | 'params'>): string[] {
  return findingVariantKeys(finding).map((key) => {
    const parts = key.split('.')
    const value = parts.pop()!
    const param = parts.pop()!
    return [...parts, `${param}Fix`, value].join('.')
  })
}

/** Locale keys of the variant sentences that apply to this finding, in param order (shown after `explain`). */
export function findingVariantKeys(finding: Pick<Finding, 'id' | 'params'>): string[] {
  return findingVariantParams(finding.id).flatMap(({ param, values }) => {
    const raw = finding.params[param]
    const value = typeof raw === 'boolean' ? String(raw) : raw
    return typeof value === 'string' && values.includes(value) ? [`findings.${finding.id}.${param}.${value}`] : []
  })
}

/**
 * Params ready for message interpolation: lists become one string joined with `separator`, booleans become
 * `'true'` / `'false'`. Messages never see an array.
 */
export function messageParams(params: FindingParams, separator = ', '): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) out[key] = value.join(separator)
    else if (typeof value === 'boolean') out[key] = String(value)
    else out[key] = value
  }
  return out
}

/**
 * The verdict for a set of findings. The policy follows the CA's guide, which is what our users hold in their other
 * hand:
 * - any `error` → `action_needed`. Errors are the guide's causes that keep verification from working and that the
 *   user must fix: wrong platform, wrong host/type/value, an old record set not deleted ("the record added for the
 *   current certificate will not take effect"), a CAA record that forbids the CA, DNSSEC failures, no domain.
 * - a record name without `record.ok` or `propagation.secondary_syncing` → `action_needed`: nothing shows that
 *   record in place, so the CA cannot see it either. With `recordNames` every name must be confirmed; without, at
 *   least one must be. Every server of a zone silent is an error of its own (`delegation.no_server_answers`).
 * - a resolver that still serves an old or a cached negative answer, or a secondary server that has not copied the
 *   change yet (it serves an older zone: lower SOA serial) → `waiting`: the guide's "it requires a long period of
 *   time for the configuration to take effect … verify after the time is right". Only real waits count: a positive
 *   remaining TTL from a resolver that sees the domain as the authoritative servers serve it; a server behind on
 *   serial, not one that holds other content at the same serial (that is `delegation.inconsistent`, an error).
 * - warnings never block: a resolver that cannot see the domain (`resolver.different_view`, company or private
 *   DNS), one that does not answer, or one slow server beside good ones tell the user something but are not what
 *   the CA asks. The CA asks the domain's own authoritative servers (through its resolvers, outside the user's
 *   network), which is what `record.ok` confirms.
 * - else `verified`.
 */
export function deriveVerdict(findings: readonly Pick<Finding, 'id' | 'severity' | 'params'>[], recordNames?: readonly string[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return 'action_needed'
  const confirmed = new Set(findings.filter((f) => f.id === 'record.ok' || f.id === 'propagation.secondary_syncing').map((f) => String(f.params['name'])))
  const everyRecordConfirmed = recordNames && recordNames.length > 0 ? recordNames.every((n) => confirmed.has(n)) : confirmed.size > 0
  if (!everyRecordConfirmed) return 'action_needed'
  const stillPropagating = findings.some((f) => STILL_PROPAGATING.has(f.id))
  return stillPropagating ? 'waiting' : 'verified'
}

/** Findings that mean "in place, not visible everywhere yet": the verdict waits for them. */
const STILL_PROPAGATING: ReadonlySet<FindingId> = new Set(['propagation.pending', 'propagation.negative_cached', 'propagation.secondary_syncing'])

/** The verdict of the whole order: its worst record's (action needed, then waiting, then verified). */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('action_needed') || verdicts.length === 0) return 'action_needed'
  return verdicts.includes('waiting') ? 'waiting' : 'verified'
}

function matchesKind(value: unknown, kind: ParamKind): boolean {
  if (kind === 'string') return typeof value === 'string'
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value)
  if (kind === 'boolean') return typeof value === 'boolean'
  if (kind === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string')
  return typeof value === 'string' && kind.includes(value)
}

function describeKind(kind: ParamKind): string {
  return typeof kind === 'string' ? kind : `one of ${kind.join(' | ')}`
}
