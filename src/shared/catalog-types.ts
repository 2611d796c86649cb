/**
 * Shapes of the two reference catalogs the diagnosis uses: DNS hosting platforms (to name where the user edits
 * records and how that console wants them typed) and certificate authorities (to read CAA records).
 * The data lives in `src/main/diagnosis/catalogs/*.json` and is validated when loaded; these types are plain data
 * that survives JSON and IPC.
 */

import type { AppLocale } from './app-locales'

/** A text in every language the app ships. */
export type LocalizedText = Record<AppLocale, string>

/**
 * What the console's host field expects:
 * - `relative`: only the part before the zone (`_dnsauth` for `_dnsauth.example.com`; `@` or empty for the apex);
 * - `full`: the whole name (`_dnsauth.example.com`).
 */
export type HostField = 'relative' | 'full'

/**
 * What to type around a TXT value in the console:
 * - `required`: wrap the value in double quotes (the console stores the text between them);
 * - `optional`: either works, the console strips quotes you type;
 * - `forbidden`: type the bare value; quotes you type may be stored as part of the value.
 */
export type TxtQuotes = 'required' | 'optional' | 'forbidden'

/**
 * How the console holds several TXT values at one name (a wildcard and its apex each with a token):
 * - `separate`: one record per value, each with the same host;
 * - `one_record`: one record (a record set) per name and type, its values one per line.
 */
export type TxtValues = 'separate' | 'one_record'

export interface ProviderConsole {
  hostField: HostField
  txtQuotes: TxtQuotes
  /** How several TXT values at one name are entered; absent when not known (the UI then describes both ways). */
  txtValues?: TxtValues
  /** Smallest TTL in seconds the console accepts (on its free or default plan). */
  minTtl: number
  /** TTL in seconds the console fills in when the user leaves it alone ("Auto", "Default"). */
  ttlDefault?: number
  /** Where the user signs in to edit records; https only. */
  consoleUrl?: string
  /** Platform-specific advice shown beside the record to add. */
  notes?: LocalizedText
}

export interface Provider {
  /** Stable id, kebab-case (`huaweicloud`, `route53`, `generic`). */
  id: string
  names: LocalizedText
  /** Other names users type for it (`aliyun`, `阿里云`, `aws`), matched like the names by `findPlatform`. */
  aliases?: string[]
  /**
   * Name servers of the platform that answer for every zone it hosts (a shared set), to ask it directly whether it
   * holds a user's zone and record. Absent where each zone gets its own set (Route 53, Azure).
   */
  nameservers?: string[]
  /**
   * Glob-like patterns on NS host names, matched case-insensitively on the whole host without its trailing dot.
   * A leading `*.` stands for one or more labels (any subdomain); any other `*` stands for zero or more characters
   * inside one label. Empty only for `generic`.
   */
  nsPatterns: string[]
  console: ProviderConsole
}

/** Which platform an NS set points to. */
export interface ProviderMatch {
  /** The platform serving most of the NS hosts (the first seen wins a tie). */
  provider: Provider
  /** The NS hosts (normalized: lower-case, no trailing dot) that belong to `provider`. */
  hosts: string[]
  /** Every platform seen in the NS set with its hosts, `provider` first, then by host count. */
  all: { provider: Provider; hosts: string[] }[]
  /** NS hosts that no platform's patterns match. */
  unmatchedHosts: string[]
  /** True when the NS set spans several platforms, or mixes a known platform with unknown hosts. */
  mixed: boolean
}

export interface CertificateAuthority {
  /** Stable id (`digicert`, `letsencrypt`, `google`). */
  id: string
  names: LocalizedText
  /** Other ids users or CLI flags may use for the same CA (`gts` for `google`). */
  aliases?: string[]
  /**
   * CAA issuer domain names (RFC 8659 `issue` / `issuewild` values) that authorize this CA, lower-case.
   * The first one is the one to suggest when the user must add a CAA record.
   */
  caaIdentifiers: string[]
  /** Maintainers' remark on the data (English, not shown to users). */
  remark?: string
}

/**
 * Message keys under `providers.*` in the locale files and the params each may use:
 * - `providers.hostField.relative` {host}, `providers.hostField.full` {name}
 * - `providers.txtQuotes.required` {value}, `.optional`, `.forbidden`
 * - `providers.minTtl` {seconds}
 */
export const PROVIDER_MESSAGE_PARAMS = {
  'hostField.relative': ['host'],
  'hostField.full': ['name'],
  'txtQuotes.required': ['value'],
  'txtQuotes.optional': [],
  'txtQuotes.forbidden': [],
  minTtl: ['seconds']
} as const satisfies Record<string, readonly string[]>
