/**
 * The untrusted edge of the main process: a zod schema for the input of every API channel (shapes, bounds, enums,
 * plus the few meaning checks that need no DNS, such as "is this an IP address"), and the mapping of any failure to
 * a typed `ApiErrorBody`. Both adapters (IPC, HTTP bridge) go through `callApi` in `api-dispatch.ts`, which uses
 * this module, so a channel cannot be reached without its input checked.
 *
 * Also the schemas the stores use to check what they read back from disk.
 */
import * as z from 'zod'
import {
  API_CHANNELS,
  type ApiChannel,
  type ApiErrorBody,
  type AppSettings,
  type VerificationSession
} from '../../shared/api'
import type { DiagnoseInput, DiagnosisReport } from '../../shared/diagnosis-types'
import { FINDING_IDS, SEVERITIES, VERDICTS } from '../../shared/findings'
import { InputError } from '../diagnosis/input'
import { getResolverPreset } from '../dns/resolvers'
import { parseServerAddress } from '../dns/server-address'

export const LIMITS = {
  /** Certificate domains per check (the engine's limit too). */
  domains: 100,
  /** A domain name as typed: 253 octets, plus `*.` and a trailing dot. */
  domainChars: 256,
  hostChars: 256,
  /** Record value as typed; the engine also caps it at 4096 UTF-8 bytes. */
  valueChars: 4096,
  /** Catalog ids (CA, platform, preset). */
  idChars: 64,
  /** `IP[:port]` / preset id as typed. */
  serverChars: 64,
  servers: 32,
  sessionIdChars: 64,
  /** Sessions kept at once. */
  sessions: 200,
  /** Strings inside a diagnosis report (values, names, messages). */
  reportText: 8192,
  /** Items of any list inside a diagnosis report. */
  reportItems: 5000,
  watchIntervalSeconds: { min: 1, max: 3600 },
  timeoutMs: { min: 50, max: 60_000 },
  /** Time limit of one whole check. */
  deadlineMs: { min: 1000, max: 600_000 }
} as const

export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

const text = (max: number) => z.string().max(max)
const port = z.int().min(1).max(65535)

/** `IP`, `IP:port` or `[IPv6]:port`, checked the way the DNS layer reads it. */
const serverAddress = text(LIMITS.serverChars).superRefine((value, ctx) => {
  try {
    parseServerAddress(value)
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message })
  }
})

const presetId = text(LIMITS.idChars).superRefine((value, ctx) => {
  if (!getResolverPreset(value)) ctx.addIssue({ code: 'custom', message: `Unknown resolver preset "${value}".` })
})

// ── Diagnosis input ────────────────────────────────────────────────────────────────────────────────────────────

export const diagnoseInputSchema = z.strictObject({
  domains: z.array(text(LIMITS.domainChars)).min(1).max(LIMITS.domains),
  host: text(LIMITS.hostChars),
  type: z.enum(['TXT', 'CNAME']),
  value: text(LIMITS.valueChars),
  ca: text(LIMITS.idChars).optional(),
  platform: text(LIMITS.idChars).optional(),
  resolvers: z.array(text(LIMITS.serverChars)).max(LIMITS.servers).optional(),
  roots: z.array(text(LIMITS.serverChars)).max(LIMITS.servers).optional(),
  authPort: port.optional(),
  timeoutMs: z.int().min(LIMITS.timeoutMs.min).max(LIMITS.timeoutMs.max).optional(),
  deadlineMs: z.int().min(LIMITS.deadlineMs.min).max(LIMITS.deadlineMs.max).optional()
}) satisfies z.ZodType<DiagnoseInput>

// ── Diagnosis report (sent back by the renderer to render it or to keep it in a session) ─────────────────────

const reportText = text(LIMITS.reportText)
const reportList = <T extends z.ZodType>(item: T) => z.array(item).max(LIMITS.reportItems)
const nullableText = reportText.nullable()
const nullableNumber = z.number().nullable()

const evidenceSchema = z.looseObject({
  server: reportText.optional(),
  resolver: reportText.optional(),
  query: z.looseObject({ name: reportText, type: reportText }).optional(),
  rcode: reportText.optional(),
  records: reportList(reportText).optional(),
  ttl: z.number().optional(),
  elapsedMs: z.number().optional(),
  at: reportText.optional(),
  note: reportText.optional()
})

const findingSchema = z.looseObject({
  id: z.enum(FINDING_IDS),
  severity: z.enum(SEVERITIES),
  params: z.record(text(LIMITS.idChars), z.union([reportText, z.number(), z.boolean(), reportList(reportText)])),
  evidence: reportList(evidenceSchema)
})

const dnsRecordSchema = z.looseObject({
  name: reportText,
  type: reportText,
  class: reportText,
  ttl: z.number(),
  data: z.looseObject({ kind: reportText }),
  text: reportText
})

const reportSchemaShape = {
  input: z.looseObject({
    domains: reportList(reportText),
    host: reportText,
    type: reportText,
    value: reportText
  }),
  placements: reportList(
    z.looseObject({
      certificateDomain: reportText,
      baseDomain: reportText,
      name: reportText,
      zone: nullableText,
      relativeHost: nullableText
    })
  ),
  verdict: z.enum(VERDICTS),
  findings: reportList(findingSchema),
  authoritative: reportList(
    z.looseObject({
      name: reportText,
      zone: reportText,
      server: reportText,
      address: reportText,
      status: reportText,
      rcode: nullableText,
      authoritative: z.boolean(),
      values: reportList(reportText),
      records: reportList(dnsRecordSchema),
      cname: nullableText,
      otherValues: reportList(reportText),
      ttl: nullableNumber,
      soaSerial: nullableNumber,
      negativeTtl: nullableNumber,
      transport: z.enum(['udp', 'tcp']).nullable(),
      elapsedMs: z.number(),
      // Reports saved before these fields existed read as "none seen".
      ignoredReplies: z.number().default(0),
      error: reportText.optional()
    })
  ),
  resolvers: reportList(
    z.looseObject({
      name: reportText,
      id: reportText,
      label: reportText,
      address: reportText,
      status: reportText,
      rcode: nullableText,
      values: reportList(reportText),
      ttl: nullableNumber,
      receivedAt: z.number(),
      elapsedMs: z.number(),
      extendedError: nullableText,
      negativeTtl: nullableNumber,
      negativeSoa: z.looseObject({ owner: reportText, mname: reportText, rname: reportText, serial: z.number() }).nullable().default(null),
      apexVisible: z.boolean().nullable().default(null),
      ignoredReplies: z.number().default(0),
      reading: z.enum(['agrees', 'pending', 'negative_cached', 'different_view', 'unreachable', 'servfail', 'bogus']).optional(),
      error: reportText.optional()
    })
  ),
  caa: reportList(
    z.looseObject({
      certificateDomain: reportText,
      foundAt: nullableText,
      records: reportList(z.looseObject({ flags: z.number(), tag: reportText, value: reportText }))
    })
  ),
  zones: reportList(
    z.looseObject({
      name: reportText,
      found: z.boolean(),
      apex: nullableText,
      reason: z.enum(['nxdomain', 'no_delegation', 'unreachable']).nullable(),
      message: nullableText,
      nameservers: reportList(reportText),
      parentNameservers: reportList(reportText)
    })
  ),
  nearMisses: reportList(
    z.looseObject({
      expectedName: reportText,
      foundName: reportText,
      hint: reportText,
      type: reportText,
      values: reportList(reportText),
      server: reportText
    })
  ),
  dnssec: reportList(
    z.looseObject({
      name: reportText,
      zone: reportText,
      ds: reportList(z.looseObject({ keyTag: z.number(), algorithm: z.number(), digestType: z.number(), digest: reportText })),
      dnskeys: reportList(
        z.looseObject({ keyTag: z.number(), flags: z.number(), algorithm: z.number(), dsDigests: z.record(z.string(), reportText) })
      ),
      signatures: reportList(
        z.looseObject({ covers: reportText, keyTag: z.number(), signer: reportText, inception: z.number(), expiration: z.number() })
      ),
      server: nullableText,
      at: z.number()
    })
  ).default([]),
  atPlatform: reportList(
    z.looseObject({
      platform: reportText,
      nameservers: reportList(reportText),
      name: reportText,
      zone: reportText,
      zoneFound: z.boolean(),
      values: reportList(reportText),
      server: nullableText
    })
  ).default([]),
  provider: z.looseObject({ id: reportText, name: reportText, nameservers: reportList(reportText) }).nullable(),
  etaSeconds: nullableNumber,
  startedAt: reportText,
  elapsedMs: z.number()
}

/**
 * A report as the engine produced it. Objects are loose (fields the engine adds later pass through), but every
 * field a reader relies on is checked and every string and list is bounded.
 */
export const diagnosisReportSchema = z.looseObject(reportSchemaShape) as unknown as z.ZodType<DiagnosisReport>

// ── Sessions and settings ──────────────────────────────────────────────────────────────────────────────────────

export const sessionIdSchema = text(LIMITS.sessionIdChars).regex(SESSION_ID_PATTERN, {
  error: 'A session id uses only letters, digits, "-" and "_".'
})

export const verificationSessionSchema = z.strictObject({
  /** Empty asks the store to assign one. */
  id: z.union([z.literal(''), sessionIdSchema]),
  createdAt: text(64),
  updatedAt: text(64),
  step: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  domain: text(LIMITS.domainChars),
  certificateKind: z.enum(['single', 'multi', 'wildcard']),
  domains: z.array(text(LIMITS.domainChars)).max(LIMITS.domains),
  host: text(LIMITS.hostChars),
  type: z.enum(['TXT', 'CNAME']),
  value: text(LIMITS.valueChars),
  ca: text(LIMITS.idChars).nullable(),
  intendedPlatform: text(LIMITS.idChars).nullable(),
  lastReport: diagnosisReportSchema.nullable(),
  lastVerdict: z.enum(VERDICTS).nullable()
}) satisfies z.ZodType<VerificationSession>

/** One schema per settings field, so a stored file with one bad field keeps the others. */
export const appSettingsFieldSchemas = {
  presets: z.array(presetId).max(LIMITS.servers),
  includeSystemResolvers: z.boolean(),
  customResolvers: z.array(serverAddress).max(LIMITS.servers),
  roots: z.array(serverAddress).max(LIMITS.servers),
  authPort: port.nullable(),
  timeoutMs: z.int().min(LIMITS.timeoutMs.min).max(LIMITS.timeoutMs.max),
  locale: z.enum(['en', 'zh-CN', 'es']),
  theme: z.enum(['system', 'light', 'dark']),
  watchIntervalSeconds: z.int().min(LIMITS.watchIntervalSeconds.min).max(LIMITS.watchIntervalSeconds.max)
} as const satisfies { [K in keyof AppSettings]: z.ZodType<AppSettings[K]> }

export const appSettingsSchema = z.strictObject(appSettingsFieldSchemas) satisfies z.ZodType<AppSettings>

// ── Channel inputs ─────────────────────────────────────────────────────────────────────────────────────────────

/** A channel that takes no input accepts nothing (IPC sends undefined, the HTTP client sends null). */
const noInput = z
  .unknown()
  .refine((value) => value === undefined || value === null, { error: 'This call takes no input.' })
  .transform(() => undefined)

export const API_INPUT_SCHEMAS = {
  'catalog:providers': noInput,
  'catalog:cas': noInput,
  'catalog:resolverPresets': noInput,
  'dns:delegation': z.strictObject({ domain: text(LIMITS.domainChars) }),
  'diagnosis:run': diagnoseInputSchema,
  'sessions:list': noInput,
  'sessions:save': verificationSessionSchema,
  'sessions:delete': z.strictObject({ id: sessionIdSchema }),
  'settings:get': noInput,
  'settings:set': appSettingsSchema,
  'report:render': z.strictObject({
    report: diagnosisReportSchema,
    format: z.enum(['markdown', 'json']),
    locale: z.enum(['en', 'zh-CN', 'es'])
  }),
  'watch:start': z.strictObject({
    sessionId: sessionIdSchema,
    input: diagnoseInputSchema,
    intervalSeconds: z.int().min(LIMITS.watchIntervalSeconds.min).max(LIMITS.watchIntervalSeconds.max)
  }),
  'watch:stop': z.strictObject({ sessionId: sessionIdSchema })
} as const satisfies Record<ApiChannel, z.ZodType>

/** The input type a channel's method takes (undefined for channels without input). */
export type ApiInput<K extends ApiChannel> = z.output<(typeof API_INPUT_SCHEMAS)[K]>

export function isApiChannel(value: string): value is ApiChannel {
  return (API_CHANNELS as readonly string[]).includes(value)
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody }

/** The checked input of `channel`, or a `bad_input` error naming the first offending field. */
export function validateApiInput<K extends ApiChannel>(channel: K, input: unknown): Validated<ApiInput<K>> {
  const result = API_INPUT_SCHEMAS[channel].safeParse(input, { reportInput: true })
  if (result.success) return { ok: true, value: result.data as ApiInput<K> }
  return { ok: false, error: zodErrorBody(result.error) }
}

// ── Errors ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** A failure the service raises on purpose; mapped to its own code instead of `internal`. */
export class ApiFailure extends Error {
  override name = 'ApiFailure'
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}

/** Any error as the body a transport sends: bad_input for input problems, internal for the rest. */
export function toApiErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiFailure) return withField({ code: error.code, message: error.message }, error.field)
  if (error instanceof z.ZodError) return zodErrorBody(error)
  if (isInputError(error)) return withField({ code: 'bad_input', message: error.message }, error.field)
  const message = error instanceof Error ? error.message : String(error)
  return { code: 'internal', message: `Something went wrong inside the app: ${message}` }
}

/** InputError from the engine (also recognized by shape, for errors from another copy of the module). */
function isInputError(error: unknown): error is { field: string; message: string } {
  if (error instanceof InputError) return true
  return (
    error instanceof Error && error.name === 'InputError' && typeof (error as { field?: unknown }).field === 'string'
  )
}

function withField(body: ApiErrorBody, field: string | undefined): ApiErrorBody {
  return field === undefined || field === '' ? body : { ...body, field }
}

export function zodErrorBody(error: z.ZodError): ApiErrorBody {
  const issue = error.issues[0]
  if (issue === undefined) return { code: 'bad_input', message: 'The input is not valid.' }
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys
    return withField(
      { code: 'bad_input', message: `Unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}.` },
      [...path, ...(keys.length === 1 ? [keys[0]!] : [])].join('.')
    )
  }
  return withField({ code: 'bad_input', message: describeIssue(issue, path) }, path.join('.'))
}

function describeIssue(issue: z.core.$ZodIssue, path: string[]): string {
  const what = path.length > 0 ? `"${path.join('.')}"` : 'The input'
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${what} is missing.`
      return `${what} must be ${article(issue.expected)}, not ${describeValue(issue.input)}.`
    case 'too_big':
      if (issue.origin === 'string') return `${what} is too long: at most ${issue.maximum} characters.`
      if (issue.origin === 'array') return `${what} has too many items: at most ${issue.maximum}.`
      return `${what} must be at most ${issue.maximum}.`
    case 'too_small':
      if (issue.origin === 'string') return `${what} must have at least ${issue.minimum} characters.`
      if (issue.origin === 'array') return `${what} needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}.`
      return `${what} must be at least ${issue.minimum}.`
    case 'invalid_value':
      return `${what} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : `${what} has the wrong format.`
    case 'invalid_union':
      return `${what} has the wrong shape.`
    case 'custom':
      return issue.message
    default:
      return `${what}: ${issue.message}`
  }
}

function article(expected: string): string {
  if (expected === 'int') return 'a whole number'
  if (expected === 'array') return 'a list'
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'number' && !Number.isInteger(value)) return `the number ${value}`
  return typeof value === 'object' ? 'an object' : article(typeof value)
}
