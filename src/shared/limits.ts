/**
 * Bounds on what a person or a caller may send, one table for the engine, the API schemas, the CLI and the UI.
 */
export const LIMITS = {
  /** Certificate domains per check. */
  domains: 100,
  /** A domain name as typed: 253 octets, plus `*.` and a trailing dot. */
  domainChars: 256,
  hostChars: 256,
  /** Record value as typed (characters); see `valueBytes` for its UTF-8 size. */
  valueChars: 4096,
  /** Record value in UTF-8 bytes: well above any CA's token or CNAME target. */
  valueBytes: 4096,
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
  port: { min: 1, max: 65535 },
  watchIntervalSeconds: { min: 1, max: 3600 },
  /** Per-try timeout of a DNS query. */
  timeoutMs: { min: 50, max: 60_000 },
  /** Time limit of one whole check. */
  deadlineMs: { min: 1000, max: 600_000 }
} as const

/** The per-try timeout when none is set. */
export const DEFAULT_TIMEOUT_MS = 2000

/** Size of a text in UTF-8 bytes (what DNS and the files carry), without `Buffer`. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}
