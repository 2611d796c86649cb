/**
 * The untrusted edge of the main process: a zod schema for the input of every API channel (shapes, bounds, enums,
 * plus the few meaning checks that need no DNS, such as "is this an IP address"), and the mapping of any failure to
 * a typed `ApiErrorBody`. Both adapters (IPC, HTTP bridge) go through `callApi` in `api-dispatch.ts`, which uses
 * this module, so a channel cannot be reached without its input checked.
 *
 * Also the schemas the stores use to check what they read back from disk.
 */
import { z } from 'zod'
import {
  API_CHANNELS,
  type ApiChannel,
  type ApiErrorBody,
  type AppSettings,
  type VerificationSession
} from '../../shared/api'
import type { DiagnoseInput, DiagnosisReport } from '../../shared/diagnosis-types'
import { FINDING_IDS, SEVERITIES, VERDICTS } from '../../shared/findings'
import { SUPPORTED_LOCALES } from '../../shared/app-locales'
import { LIMITS } from '../../shared/limits'
import { type ErrorMessageId, isLocalized, type MessageParams } from '../../shared/messages'
import { parseServerAddress } from '../../shared/server-address'
import { getResolverPreset } from '../dns/resolvers'
import { zodErrorBody } from './error-body'

export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

const text = (max: number) => z.string().max(max)
const port = z.int().min(1).max(65535)

/** A custom issue whose words are the locale message `messageId` (error-body.ts reads it back). */
function customIssue(messageId: ErrorMessageId, params: MessageParams = {}) {
  return { code: 'custom' as const, message: messageId, params: { messageId, params } }
}

/** `IP`, `IP:port` or `[IPv6]:port`, checked the way the DNS layer reads it. */
const serverAddress = text(LIMITS.serverChars).superRefine((value, ctx) => {
  try {
    parseServerAddress(value)
  } catch (e) {
    if (!isLocalized(e)) throw e
    ctx.addIssue(customIssue(e.messageId, e.params))
  }
})

const presetId = text(LIMITS.idChars).superRefine((value, ctx) => {
  if (!getResolverPreset(value)) ctx.addIssue(customIssue('server.unknownPreset', { input: value }))
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
  timeoutMs: z.int().min(LIMITS.timeoutMs.min).max(LIMITS.timeoutMs.max).optional()
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

export const sessionIdSchema = text(LIMITS.sessionIdChars).superRefine((value, ctx) => {
  if (!SESSION_ID_PATTERN.test(value)) ctx.addIssue(customIssue('schema.sessionId'))
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
  locale: z.enum(SUPPORTED_LOCALES),
  theme: z.enum(['system', 'light', 'dark']),
  watchIntervalSeconds: z.int().min(LIMITS.watchIntervalSeconds.min).max(LIMITS.watchIntervalSeconds.max)
} as const satisfies { [K in keyof AppSettings]: z.ZodType<AppSettings[K]> }

export const appSettingsSchema = z.strictObject(appSettingsFieldSchemas) satisfies z.ZodType<AppSettings>

// ── Channel inputs ─────────────────────────────────────────────────────────────────────────────────────────────

/** A channel that takes no input accepts nothing (IPC sends undefined, the HTTP client sends null). */
const noInput = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value !== undefined && value !== null) ctx.addIssue(customIssue('schema.noInput'))
  })
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
    locale: z.enum(SUPPORTED_LOCALES)
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
