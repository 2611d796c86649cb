/**
 * The shapes of what the services keep on disk and read back (sessions with their last report, settings), as zod
 * schemas with bounds on every string and list. Services import this module; the API's channel map
 * (`src/main/api/channel-schemas.ts`) builds on it for the channels that carry these shapes.
 */
import * as z from 'zod'
import type { AppSettings, VerificationSession } from '../../shared/api'
import { SUPPORTED_LOCALES } from '../../shared/app-locales'
import type { DiagnosisReport } from '../../shared/diagnosis-types'
import { RECORD_DATA_KINDS, type RecordData } from '../../shared/dns-types'
import { EVIDENCE_NOTE_IDS, FINDING_IDS, SEVERITIES, VERDICTS } from '../../shared/findings'
import { LIMITS } from '../../shared/limits'
import { checked, customIssue } from '../../shared/schema-issues'
import { parseServerAddress } from '../../shared/server-address'
import { getResolverPreset } from '../dns/resolvers'

export const SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/

export const text = (max: number) => z.string().max(max)
export const port = z.int().min(LIMITS.port.min).max(LIMITS.port.max)

/** `IP`, `IP:port` or `[IPv6]:port`, checked the way the DNS layer reads it. */
const serverAddress = text(LIMITS.serverChars).superRefine((value, ctx) => void checked(parseServerAddress)(value, ctx))

const presetId = text(LIMITS.idChars).superRefine((value, ctx) => {
  if (!getResolverPreset(value)) ctx.addIssue(customIssue('server.unknownPreset', { input: value }))
})

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
  note: reportText.optional(),
  noteId: z.enum(EVIDENCE_NOTE_IDS).optional()
})

const findingSchema = z.looseObject({
  id: z.enum(FINDING_IDS),
  severity: z.enum(SEVERITIES),
  params: z.record(text(LIMITS.idChars), z.union([reportText, z.number(), z.boolean(), reportList(reportText)])),
  evidence: reportList(evidenceSchema),
  records: reportList(z.int().min(0)).optional()
})

/** Record data is checked for its kind only: every kind's fields come from our own codec. */
const recordData = z.custom<RecordData>((value) => z.looseObject({ kind: z.enum(RECORD_DATA_KINDS) }).safeParse(value).success)

const dnsRecordSchema = z.looseObject({
  name: reportText,
  type: reportText,
  class: reportText,
  ttl: z.number(),
  data: recordData,
  text: reportText
})

const recordType = z.enum(['TXT', 'CNAME'])

/** One record of an order as the user gave it. */
export const verificationRecordSchema = z.strictObject({
  domain: text(LIMITS.domainChars),
  host: text(LIMITS.hostChars),
  type: recordType,
  value: text(LIMITS.valueChars)
})

const placementShape = {
  certificateDomain: reportText,
  baseDomain: reportText,
  name: reportText,
  zone: nullableText,
  relativeHost: nullableText
}

const reportSchemaShape = {
  input: z.looseObject({
    records: reportList(z.looseObject({ domain: reportText, host: reportText, type: recordType, value: reportText })).optional(),
    domains: reportList(reportText).optional(),
    host: reportText.optional(),
    type: recordType.optional(),
    value: reportText.optional(),
    ca: reportText.optional(),
    platform: reportText.optional(),
    resolvers: reportList(reportText).optional(),
    roots: reportList(reportText).optional(),
    authPort: z.number().optional(),
    timeoutMs: z.number().optional()
  }),
  // Absent in reports saved before an order could hold several records: rebuilt from the placements then.
  records: reportList(
    z.looseObject({
      ...placementShape,
      host: reportText,
      type: recordType,
      value: reportText,
      verdict: z.enum(VERDICTS),
      findings: reportList(z.int().min(0))
    })
  ).optional(),
  placements: reportList(z.looseObject(placementShape)),
  verdict: z.enum(VERDICTS),
  findings: reportList(findingSchema),
  authoritative: reportList(
    z.looseObject({
      name: reportText,
      type: recordType.optional(),
      zone: reportText,
      server: reportText,
      address: reportText,
      status: z.enum(['ok', 'timeout', 'refused', 'servfail', 'lame', 'network', 'malformed', 'nxdomain', 'nodata']),
      rcode: nullableText,
      authoritative: z.boolean(),
      values: reportList(reportText),
      records: reportList(dnsRecordSchema),
      cname: nullableText,
      otherValues: reportList(reportText),
      wildcard: z.boolean().optional(),
      ttl: nullableNumber,
      soaSerial: nullableNumber,
      negativeTtl: nullableNumber,
      transport: z.enum(['udp', 'tcp']).nullable(),
      elapsedMs: z.number(),
      // Fields added after the first release default, so a session saved before them still loads.
      ignoredReplies: z.number().default(0),
      error: reportText.optional()
    })
  ),
  resolvers: reportList(
    z.looseObject({
      name: reportText,
      type: recordType.optional(),
      id: reportText,
      label: reportText,
      address: reportText,
      status: z.enum(['ok', 'old_value', 'nxdomain', 'nodata', 'servfail', 'bogus', 'timeout', 'refused', 'rejected', 'network', 'malformed']),
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
      hint: z.enum(['zone_doubled', 'www_apex', 'wildcard', 'missing_underscore', 'other']),
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
      type: recordType.optional(),
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
export const diagnosisReportSchema = z.looseObject(reportSchemaShape).transform(withOrderFields) satisfies z.ZodType<DiagnosisReport>

type ParsedReport = z.output<z.ZodObject<typeof reportSchemaShape>>

/**
 * A report as today's engine writes it, from one saved by an older version: the order's records rebuilt from the
 * single-record input and the placements (one per domain), and each table row given the type it was asked with.
 */
function withOrderFields(report: ParsedReport): DiagnosisReport {
  const legacyType = report.input.type ?? 'TXT'
  const records =
    report.records ??
    report.placements.map((p) => ({
      ...p,
      host: report.input.host ?? '',
      type: legacyType,
      value: report.input.value ?? '',
      verdict: report.verdict,
      findings: report.findings.flatMap((f, i) => (typeof f.params['name'] === 'string' && f.params['name'] === p.name ? [i] : []))
    }))
  const typed = <R extends { type?: 'TXT' | 'CNAME' }>(rows: R[]) => rows.map((r) => ({ ...r, type: r.type ?? legacyType }))
  return {
    ...report,
    records,
    authoritative: typed(report.authoritative),
    resolvers: typed(report.resolvers),
    atPlatform: typed(report.atPlatform)
  }
}

// ── Sessions and settings ──────────────────────────────────────────────────────────────────────────────────────

export const sessionIdSchema = text(LIMITS.sessionIdChars).superRefine((value, ctx) => {
  if (!SESSION_ID_PATTERN.test(value)) ctx.addIssue(customIssue('schema.sessionId'))
})

export const verificationSessionSchema = z.preprocess(
  recordsFromSingleRecordForm,
  z.strictObject({
  /** Empty asks the store to assign one. */
  id: z.union([z.literal(''), sessionIdSchema]),
  createdAt: text(64),
  updatedAt: text(64),
  step: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  domain: text(LIMITS.domainChars),
  certificateKind: z.enum(['single', 'multi', 'wildcard']),
  /** The order's records, one per certificate domain (several may share a name). */
  records: z.array(verificationRecordSchema).max(LIMITS.domains),
  ca: text(LIMITS.idChars).nullable(),
  intendedPlatform: text(LIMITS.idChars).nullable(),
  lastReport: diagnosisReportSchema.nullable(),
  lastVerdict: z.enum(VERDICTS).nullable()
  })
) satisfies z.ZodType<VerificationSession>

/**
 * A session saved before an order could hold several records kept one host, type and value for all its domains:
 * it reads as one record per domain. Anything else passes through unchanged, to the strict schema.
 */
function recordsFromSingleRecordForm(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'records' in value) return value
  const { domains, host, type, value: recordValue, ...rest } = value as Record<string, unknown>
  if (!Array.isArray(domains)) return value
  return { ...rest, records: domains.map((domain) => ({ domain, host: host ?? '', type: type ?? 'TXT', value: recordValue ?? '' })) }
}

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

