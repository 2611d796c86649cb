/**
 * The untrusted edge of the main process: a zod schema for the input of every API channel (shapes, bounds, enums,
 * plus the few meaning checks that need no DNS, such as "is this an IP address"). Both adapters (IPC, HTTP bridge)
 * go through `callApi` in `dispatch.ts`, which uses this module, so a channel cannot be reached without its input
 * checked. Only adapters import it; the shapes the services store are in `services/stored-schemas.ts`.
 */
import * as z from 'zod'
import { API_CHANNELS, type ApiChannel, type ApiErrorBody } from '../../shared/api'
import { SUPPORTED_LOCALES } from '../../shared/app-locales'
import type { DiagnoseInput } from '../../shared/diagnosis-types'
import { LIMITS } from '../../shared/limits'
import { customIssue } from '../../shared/schema-issues'
import {
  appSettingsSchema,
  diagnosisReportSchema,
  port,
  sessionIdSchema,
  text,
  verificationRecordSchema,
  verificationSessionSchema
} from '../services/stored-schemas'
import { zodErrorBody } from './error-body'

// ── Diagnosis input ────────────────────────────────────────────────────────────────────────────────────────────

/** The order's records or the single-record form; which of the two is given, and how, the engine's input checks. */
export const diagnoseInputSchema = z.strictObject({
  records: z.array(verificationRecordSchema).min(1).max(LIMITS.domains).optional(),
  domains: z.array(text(LIMITS.domainChars)).min(1).max(LIMITS.domains).optional(),
  host: text(LIMITS.hostChars).optional(),
  type: z.enum(['TXT', 'CNAME']).optional(),
  value: text(LIMITS.valueChars).optional(),
  ca: text(LIMITS.idChars).optional(),
  platform: text(LIMITS.idChars).optional(),
  resolvers: z.array(text(LIMITS.serverChars)).max(LIMITS.servers).optional(),
  roots: z.array(text(LIMITS.serverChars)).max(LIMITS.servers).optional(),
  authPort: port.optional(),
  timeoutMs: z.int().min(LIMITS.timeoutMs.min).max(LIMITS.timeoutMs.max).optional(),
  deadlineMs: z.int().min(LIMITS.deadlineMs.min).max(LIMITS.deadlineMs.max).optional()
}).superRefine((input, ctx) => {
  // Without records, the single-record form needs all its four fields.
  if (input.records !== undefined) return
  for (const field of ['domains', 'host', 'type', 'value'] as const) {
    if (input[field] === undefined) {
      ctx.addIssue(customIssue('schema.missing', { what: { messageId: 'schema.field', params: { field } } }, [field]))
    }
  }
}) satisfies z.ZodType<DiagnoseInput>

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
  'dns:delegation': z.strictObject({ domain: text(LIMITS.domainChars), platform: text(LIMITS.idChars).optional() }),
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
  'watch:stop': z.strictObject({ sessionId: sessionIdSchema }),
  'store:problems': noInput
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
