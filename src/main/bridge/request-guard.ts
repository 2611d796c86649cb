/**
 * Who may talk to the bridge. It listens on 127.0.0.1 only, and on top of that:
 * - `Host` must be exactly `127.0.0.1:<port>`: a page on another site whose name was re-pointed at 127.0.0.1
 *   (DNS rebinding) sends its own name and is refused;
 * - `Origin`, when the browser sends one, must be the bridge's own origin: other sites' pages are refused even
 *   for requests the browser lets them send without asking;
 * - API calls carry the random token (Bearer header; `?token=` only for the event stream, which EventSource
 *   cannot give headers). Compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

/** 32 random bytes, URL-safe base64 (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * How many Host header lines the request has. RFC 9112 3.2: a request with more than one must be answered 400;
 * Node keeps only the first in `headers.host`, so the raw list is counted.
 */
export function hostHeaderCount(rawHeaders: readonly string[]): number {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]!.toLowerCase() === 'host') count++
  return count
}

export function isExpectedHost(headers: IncomingHttpHeaders, port: number): boolean {
  return headers.host === `127.0.0.1:${port}`
}

/** True when there is no Origin header (same-origin GET, curl) or it is the bridge's own origin. */
export function isAllowedOrigin(headers: IncomingHttpHeaders, port: number): boolean {
  const origin = headers.origin
  return origin === undefined || origin === `http://127.0.0.1:${port}`
}

/** Fetch metadata: refuse what the browser itself marks as coming from another site. */
export function isCrossSiteFetch(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site']
  return site === 'cross-site' || site === 'same-site'
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(headers.authorization ?? '')
  return match ? match[1]! : null
}

export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}
