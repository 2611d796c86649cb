/**
 * What a person typed for a check, read by one zod schema: each field runs the shared check for it (src/shared)
 * as a transform, so the result is the normalized input and a refusal names the field (`domains.1`, `host`,
 * `value`...) with the message id of what is wrong. The API's channel schema checks shapes and bounds first;
 * this is the meaning, and the CLI reaches it directly.
 */
import * as z from 'zod'
import type { DiagnoseInput, VerificationRecordType } from '../../shared/diagnosis-types'
import { DEFAULT_TIMEOUT_MS, LIMITS } from '../../shared/limits'
import { type ErrorMessageId, LocalizedError, type MessageParams } from '../../shared/messages'
import { checked, customIssue, issueMessage } from '../../shared/schema-issues'
import { baseDomainOf, recordNameFor } from '../../shared/placement'
import { checkCertificateDomain, checkHostRecord, checkRecordValue } from '../../shared/record-input'
import { parseServerAddress } from '../../shared/server-address'
import { DEFAULT_DEADLINE_MS } from '../dns/deadline'
import { parseResolverSpec } from '../dns/resolvers'
import { getCa, listCas } from './catalogs/cas'
import { findPlatform, searchPlatforms } from '../../shared/platform-lookup'
import { listProviders } from './catalogs/providers'

/** Input the user got wrong; `field` names it (`domains.1`, `host`, `value`...) so a UI can point at it. */
export class InputError extends LocalizedError {
  override name = 'InputError'
  constructor(
    readonly field: string,
    messageId: ErrorMessageId,
    params: MessageParams = {}
  ) {
    super(messageId, params)
  }
}

/** Each element of a list through `check`, an issue at the element's index for the first it refuses. */
function eachChecked<O>(check: (value: unknown) => O, prefix: (string | number)[] = []) {
  return (values: unknown[], ctx: z.RefinementCtx): O[] => {
    const out: O[] = []
    for (const [i, value] of values.entries()) {
      const result = checked(check, [...prefix, i])(value, ctx)
      if (result === z.NEVER) return z.NEVER
      out.push(result)
    }
    return out
  }
}

function fail(messageId: ErrorMessageId, params: MessageParams = {}): never {
  throw new LocalizedError(messageId, params)
}

function checkRecordType(value: unknown): VerificationRecordType {
  const type = String(value ?? '').trim().toUpperCase()
  return type === 'TXT' || type === 'CNAME' ? type : fail('input.recordType', { type: String(value) })
}

const optionalText = z.string().optional()

/** A catalog id (`LE` → `letsencrypt`, `Cloudflare` → `cloudflare`); empty means none. */
const caId = optionalText.transform(
  checked((raw) => {
    if (!raw) return null
    return getCa(raw.trim())?.id ?? fail('input.unknownCa', { ca: raw, known: listCas().map((c) => c.id).join(', ') })
  })
)

/** The platform the user names: by id, name in any language or alias, with "did you mean" for a near miss. */
export function checkPlatform(raw: string): string {
  const providers = listProviders()
  const provider = findPlatform(raw, providers)
  if (provider) return provider.id
  const close = searchPlatforms(raw, providers, 3)
  if (close.length > 0) fail('input.unknownPlatformNear', { platform: raw, near: close.map((p) => `${p.id} (${p.names.en})`).join(', ') })
  return fail('input.unknownPlatform', { platform: raw, known: providers.map((p) => p.id).join(', ') })
}

const platformId = optionalText.transform(checked((raw) => (raw ? checkPlatform(raw) : null)))

const resolverSpecs = z
  .array(z.unknown())
  .optional()
  .transform((values, ctx) =>
    values === undefined ? null : eachChecked((spec) => (parseResolverSpec(spec as string), (spec as string).trim()))(values, ctx)
  )

/** Root servers as `IP[:port]`: for labs, offline tests. */
export const rootServers = z
  .array(z.unknown())
  .optional()
  .transform((values, ctx) => eachChecked((spec) => (parseServerAddress(spec as string), (spec as string).trim()))(values ?? [], ctx))

/** The port every authoritative server is asked on; null for 53 as delegated. */
export const authPort = z
  .unknown()
  .optional()
  .transform(
    checked((value) => {
      if (value === undefined || value === null) return null
      const ok = Number.isInteger(value) && (value as number) >= LIMITS.port.min && (value as number) <= LIMITS.port.max
      return ok ? (value as number) : fail('input.authPort', { port: String(value) })
    })
  )

/** A whole number of milliseconds within `range`, `fallback` when absent; a refusal says `messageId` with the value. */
function milliseconds(range: { min: number; max: number }, fallback: number, messageId: 'input.timeout' | 'input.deadline', param: string) {
  return z
    .unknown()
    .optional()
    .transform(
      checked((value) => {
        const ms = value ?? fallback
        const ok = Number.isInteger(ms) && (ms as number) >= range.min && (ms as number) <= range.max
        return ok ? (ms as number) : fail(messageId, { ...range, [param]: String(value) })
      })
    )
}

/** How long to wait for each try. */
export const timeoutMs = milliseconds(LIMITS.timeoutMs, DEFAULT_TIMEOUT_MS, 'input.timeout', 'timeout')

/** One record of the order, each field through its shared check; a refusal names `records.<i>.<field>`. */
function checkedRecord(raw: unknown, index: number, ctx: z.RefinementCtx): NormalizedRecord | typeof z.NEVER {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    ctx.addIssue(customIssue('input.recordShape', { index }, ['records', index]))
    return z.NEVER
  }
  const r = raw as Record<string, unknown>
  const at = (field: string) => ['records', index, field]
  const domain = checked(checkCertificateDomain, at('domain'))(r['domain'], ctx)
  if (domain === z.NEVER) return z.NEVER
  const type = checked(checkRecordType, at('type'))(r['type'], ctx)
  if (type === z.NEVER) return z.NEVER
  const host = checked(checkHostRecord, at('host'))(r['host'], ctx)
  if (host === z.NEVER) return z.NEVER
  const value = checked((v: unknown) => checkRecordValue(v, type), at('value'))(r['value'], ctx)
  if (value === z.NEVER) return z.NEVER
  return placedRecord({ domain, host, type, value })
}

/** The records of the order, from `records` or from the single-record form (one record per domain). */
function readRecords(
  { records, domains, host, type, value }: { records: unknown; domains: unknown; host: unknown; type: unknown; value: unknown },
  ctx: z.RefinementCtx
): NormalizedRecord[] | typeof z.NEVER {
  {
    if (records !== undefined) {
      if (domains !== undefined || host !== undefined || value !== undefined) {
        ctx.addIssue(customIssue('input.bothForms', {}, ['records']))
        return z.NEVER
      }
      if (!Array.isArray(records) || records.length === 0) {
        ctx.addIssue(customIssue('input.noRecords', {}, ['records']))
        return z.NEVER
      }
      if (records.length > LIMITS.domains) {
        ctx.addIssue(customIssue('input.tooManyRecords', { max: LIMITS.domains }, ['records']))
        return z.NEVER
      }
      const out: NormalizedRecord[] = []
      for (const [i, raw] of records.entries()) {
        const record = checkedRecord(raw, i, ctx)
        if (record === z.NEVER) return z.NEVER
        out.push(record)
      }
      return out
    }
    // The single-record form keeps its field names in errors (`domains.1`, `host`, `type`, `value`).
    const checkedDomains = checked((v: unknown) => {
      if (!Array.isArray(v) || v.length === 0) fail('input.noDomains')
      if (v.length > LIMITS.domains) fail('input.tooManyDomains', { max: LIMITS.domains })
      return v as unknown[]
    }, ['domains'])(domains, ctx)
    if (checkedDomains === z.NEVER) return z.NEVER
    const names = eachChecked(checkCertificateDomain, ['domains'])(checkedDomains, ctx)
    if (names === z.NEVER) return z.NEVER
    const recordType = checked(checkRecordType, ['type'])(type, ctx)
    if (recordType === z.NEVER) return z.NEVER
    const hostRecord = checked(checkHostRecord, ['host'])(host, ctx)
    if (hostRecord === z.NEVER) return z.NEVER
    const recordValue = checked((v: unknown) => checkRecordValue(v, recordType), ['value'])(value, ctx)
    if (recordValue === z.NEVER) return z.NEVER
    return names.map((domain) => placedRecord({ domain, host: hostRecord, type: recordType, value: recordValue }))
  }
}

/** Time limit of the whole check (deadline.ts): servers still silent then are given up on. */
export const deadlineMs = milliseconds(LIMITS.deadlineMs, DEFAULT_DEADLINE_MS, 'input.deadline', 'deadline')

/** The whole input: the records first (in the order a person fills them), then the check's options. */
export const diagnoseInputMeaning = z
  .object({
    records: z.unknown().optional(),
    domains: z.unknown().optional(),
    host: z.unknown().optional(),
    type: z.unknown().optional(),
    value: z.unknown().optional(),
    ca: caId,
    platform: platformId,
    resolvers: resolverSpecs,
    roots: rootServers,
    authPort,
    timeoutMs,
    deadlineMs
  })
  .transform(({ records, domains, host, type, value, ...options }, ctx) => {
    const read = readRecords({ records, domains, host, type, value }, ctx)
    return read === z.NEVER ? z.NEVER : { records: read, ...options }
  })

/** A checked record with where it goes: the base domain by the guide's rule and the full record name. */
function placedRecord(r: Omit<NormalizedRecord, 'baseDomain' | 'name'>): NormalizedRecord {
  const baseDomain = baseDomainOf(r.domain)
  return { ...r, baseDomain, name: recordNameFor(r.host, baseDomain) }
}

/** One record of the order, checked and placed. */
export interface NormalizedRecord {
  domain: string
  host: string
  type: VerificationRecordType
  value: string
  /** The domain the record belongs to (`www.` and `*.` → parent). */
  baseDomain: string
  /** Full record name. */
  name: string
}

export type NormalizedInput = z.output<typeof diagnoseInputMeaning>

/** The first issue of a failed parse as an InputError naming its field. */
export function inputErrorOf(error: z.ZodError): InputError {
  const issue = error.issues[0]
  const field = issue?.path.map(String).join('.') ?? ''
  const message = issueMessage(issue)
  if (message) return new InputError(field, message.messageId, message.params)
  return new InputError(field, 'schema.other', { what: { messageId: 'schema.field', params: { field } }, detail: issue?.message ?? '' })
}

/** Checks everything a person could have typed wrong, before a single packet is sent. */
export function normalizeDiagnoseInput(input: DiagnoseInput): NormalizedInput {
  const result = diagnoseInputMeaning.safeParse(input)
  if (!result.success) throw inputErrorOf(result.error)
  return result.data
}
