import { isIP } from 'node:net'
import type { DiagnoseInput, VerificationRecordType } from '../../shared/diagnosis-types'
import { DEFAULT_DEADLINE_MS } from '../dns/deadline'
import { DnsError } from '../dns/errors'
import { normalizeName } from '../dns/names'
import { parseServerAddress } from '../dns/server-address'
import { parseResolverSpec } from '../dns/resolvers'
import { getCa, listCas } from './catalogs/cas'
import { findPlatform, searchPlatforms } from '../../shared/platform-lookup'
import { listProviders } from './catalogs/providers'

/** Input the user got wrong; `field` names it (`domains.1`, `host`, `value`...) so a UI can point at it. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message)
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
  /** Time limit of the whole check, in ms. */
  deadlineMs: number
}

const MAX_DOMAINS = 100
const MAX_VALUE_BYTES = 4096

/** Checks everything a person could have typed wrong, before a single packet is sent. */
export function normalizeDiagnoseInput(input: DiagnoseInput): NormalizedInput {
  if (!Array.isArray(input.domains) || input.domains.length === 0) {
    throw new InputError('domains', 'Give at least one certificate domain, for example example.com.')
  }
  if (input.domains.length > MAX_DOMAINS) throw new InputError('domains', `At most ${MAX_DOMAINS} domains per check.`)
  const domains = input.domains.map((d, i) => checkDomain(d, `domains.${i}`))
  const type = String(input.type ?? '').trim().toUpperCase()
  if (type !== 'TXT' && type !== 'CNAME') {
    throw new InputError('type', `The record type must be TXT or CNAME (the CA's instructions say which), not "${input.type}".`)
  }
  const host = checkHost(input.host)
  const value = checkValue(input.value, type)
  const ca = input.ca ? checkCa(input.ca) : null
  const platform = input.platform ? checkPlatform(input.platform) : null
  const resolvers = input.resolvers === undefined ? null : input.resolvers.map((r, i) => checkResolver(r, `resolvers.${i}`))
  const roots = (input.roots ?? []).map((r, i) => {
    try {
      parseServerAddress(r)
      return r.trim()
    } catch (e) {
      throw new InputError(`roots.${i}`, (e as Error).message)
    }
  })
  const authPort = input.authPort ?? null
  if (authPort !== null && (!Number.isInteger(authPort) || authPort < 1 || authPort > 65535)) {
    throw new InputError('authPort', `The authoritative port must be a number from 1 to 65535, not ${input.authPort}.`)
  }
  const timeoutMs = input.timeoutMs ?? 2000
  if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 60_000) {
    throw new InputError('timeoutMs', `The timeout must be between 50 and 60000 ms, not ${input.timeoutMs}.`)
  }
  const deadlineMs = input.deadlineMs ?? DEFAULT_DEADLINE_MS
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1000 || deadlineMs > 600_000) {
    throw new InputError('deadlineMs', `The time limit of a check must be between 1000 and 600000 ms, not ${input.deadlineMs}.`)
  }
  return { domains, host, type, value, ca, platform, resolvers, roots, authPort, timeoutMs, deadlineMs }
}

function checkDomain(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw new InputError(field, 'A certificate domain is empty.')
  const text = raw.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/')) {
    throw new InputError(field, `"${text}" looks like a web address. Give only the domain, for example example.com.`)
  }
  // `192.0.2.1`, `[2001:db8::1]`, and either with a port, as copied from an address bar or a server list.
  const withoutPort = text.replace(/^\[(.*)\](:\d+)?$/, '$1').replace(/^([^:]*):\d+$/, '$1')
  if (isIP(withoutPort) !== 0) {
    throw new InputError(field, `"${text}" is an IP address. DNS verification is for domain names, for example example.com.`)
  }
  if (text.includes(':')) {
    throw new InputError(field, `"${text}" has a port or a colon in it. Give only the domain, for example example.com.`)
  }
  const wildcard = text.startsWith('*.')
  try {
    const name = normalizeName(wildcard ? text.slice(2) : text)
    if (name.includes('*')) throw new InputError(field, `"${text}": a wildcard may only be the first label (*.example.com).`)
    if (!name.includes('.')) throw new InputError(field, `"${text}" is not a full domain name; it needs a dot, for example example.com.`)
    return wildcard ? `*.${name}` : name
  } catch (e) {
    if (e instanceof DnsError) throw new InputError(field, e.message)
    throw e
  }
}

function checkHost(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new InputError('host', 'The host record is empty. Copy it from the CA, for example _dnsauth.')
  }
  const text = raw.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/')) {
    throw new InputError('host', `"${text}" looks like a web address, not a host record. The host record looks like _dnsauth or _dnsauth.example.com.`)
  }
  if (isIP(text) !== 0) throw new InputError('host', `"${text}" is an IP address, not a host record such as _dnsauth.`)
  if (text === '@') return text
  try {
    normalizeName(text)
  } catch (e) {
    if (e instanceof DnsError) throw new InputError('host', e.message)
    throw e
  }
  return text
}

function checkValue(raw: unknown, type: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new InputError('value', 'The record value is empty. Copy it exactly from the CA.')
  }
  // Kept as typed (minus surrounding space): stray quotes or inner spaces are what the diagnosis is for.
  const value = raw.trim()
  if (Buffer.byteLength(value) > MAX_VALUE_BYTES) throw new InputError('value', `The record value is longer than ${MAX_VALUE_BYTES} bytes.`)
  if (type === 'CNAME') {
    try {
      normalizeName(value)
    } catch (e) {
      throw new InputError('value', `A CNAME value must be a domain name: ${(e as Error).message}`)
    }
  }
  return value
}

function checkCa(raw: string): string {
  const ca = getCa(raw.trim())
  if (!ca) throw new InputError('ca', `Unknown CA "${raw}". Known: ${listCas().map((c) => c.id).join(', ')}.`)
  return ca.id
}

function checkPlatform(raw: string): string {
  const providers = listProviders()
  const provider = findPlatform(raw, providers)
  if (!provider) {
    const close = searchPlatforms(raw, providers, 3)
    const hint = close.length > 0 ? `Did you mean ${close.map((p) => `${p.id} (${p.names.en})`).join(', ')}?` : `Known: ${providers.map((p) => p.id).join(', ')}.`
    throw new InputError('platform', `Unknown DNS platform "${raw}". ${hint}`)
  }
  return provider.id
}

function checkResolver(raw: string, field: string): string {
  try {
    parseResolverSpec(raw)
    return raw.trim()
  } catch (e) {
    throw new InputError(field, (e as Error).message)
  }
}
