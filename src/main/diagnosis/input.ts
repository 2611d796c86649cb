import type { DiagnoseInput, VerificationRecordType } from '../../shared/diagnosis-types'
import { DEFAULT_TIMEOUT_MS, LIMITS } from '../../shared/limits'
import { type ErrorMessageId, LocalizedError, type MessageParams } from '../../shared/messages'
import { checkCertificateDomain, checkHostRecord, checkRecordValue } from '../../shared/record-input'
import { parseServerAddress } from '../../shared/server-address'
import { parseResolverSpec } from '../dns/resolvers'
import { getCa, listCas } from './catalogs/cas'
import { getProvider, listProviders } from './catalogs/providers'

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

export interface NormalizedInput {
  domains: string[]
  host: string
  type: VerificationRecordType
  value: string
  ca: string | null
  platform: string | null
  resolvers: string[] | null
  roots: string[]
  authPort: number | null
  timeoutMs: number
}

/** Runs a check of one field; its LocalizedError becomes an InputError naming the field, with the same words. */
function inField<T>(field: string, check: () => T): T {
  try {
    return check()
  } catch (e) {
    if (e instanceof LocalizedError && !(e instanceof InputError)) throw new InputError(field, e.messageId, e.params)
    throw e
  }
}

/** Checks everything a person could have typed wrong, before a single packet is sent. */
export function normalizeDiagnoseInput(input: DiagnoseInput): NormalizedInput {
  if (!Array.isArray(input.domains) || input.domains.length === 0) throw new InputError('domains', 'input.noDomains')
  if (input.domains.length > LIMITS.domains) throw new InputError('domains', 'input.tooManyDomains', { max: LIMITS.domains })
  const domains = input.domains.map((d, i) => inField(`domains.${i}`, () => checkCertificateDomain(d)))
  const type = String(input.type ?? '').trim().toUpperCase()
  if (type !== 'TXT' && type !== 'CNAME') throw new InputError('type', 'input.recordType', { type: String(input.type) })
  const host = inField('host', () => checkHostRecord(input.host))
  const value = inField('value', () => checkRecordValue(input.value, type))
  const ca = input.ca ? checkCa(input.ca) : null
  const platform = input.platform ? checkPlatform(input.platform) : null
  const resolvers =
    input.resolvers === undefined ? null : input.resolvers.map((r, i) => inField(`resolvers.${i}`, () => (parseResolverSpec(r), r.trim())))
  const roots = (input.roots ?? []).map((r, i) => inField(`roots.${i}`, () => (parseServerAddress(r), r.trim())))
  const authPort = input.authPort ?? null
  if (authPort !== null && (!Number.isInteger(authPort) || authPort < LIMITS.port.min || authPort > LIMITS.port.max)) {
    throw new InputError('authPort', 'input.authPort', { port: String(input.authPort) })
  }
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!Number.isInteger(timeoutMs) || timeoutMs < LIMITS.timeoutMs.min || timeoutMs > LIMITS.timeoutMs.max) {
    throw new InputError('timeoutMs', 'input.timeout', { ...LIMITS.timeoutMs, timeout: String(input.timeoutMs) })
  }
  return { domains, host, type, value, ca, platform, resolvers, roots, authPort, timeoutMs }
}

function checkCa(raw: string): string {
  const ca = getCa(raw.trim())
  if (!ca) throw new InputError('ca', 'input.unknownCa', { ca: raw, known: listCas().map((c) => c.id).join(', ') })
  return ca.id
}

function checkPlatform(raw: string): string {
  const provider = getProvider(raw.trim())
  if (!provider) {
    throw new InputError('platform', 'input.unknownPlatform', { platform: raw, known: listProviders().map((p) => p.id).join(', ') })
  }
  return provider.id
}
