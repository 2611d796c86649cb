/**
 * One-time launch codes for opening the browser. The opener (`xdg-open`, `open`, `start`) passes its URL on a
 * command line, and from there into the browser's argv, which any local user can read with `ps`; so that URL
 * carries a code instead of the session token. The page trades the code once for the token (`POST /api/launch`),
 * then the code is spent. A code also expires after a short time, so one the browser never used (no desktop, a
 * slow start) does not stay valid.
 */
import { randomBytes } from 'node:crypto'
import { tokensMatch } from './request-guard'

/** Long enough for a browser's cold start on a slow machine, short enough that a stray code dies soon. */
export const LAUNCH_CODE_TTL_MS = 60_000
/** Codes alive at once; older ones are dropped first (each opener call makes one). */
const MAX_LIVE_CODES = 16

export interface LaunchCodes {
  /** A fresh code, valid once, for `ttlMs`. */
  issue(): string
  /** True exactly once per issued, unexpired code; the code is spent either way. */
  redeem(code: string): boolean
}

export function createLaunchCodes(options: { ttlMs?: number; now?: () => number } = {}): LaunchCodes {
  const ttlMs = options.ttlMs ?? LAUNCH_CODE_TTL_MS
  const now = options.now ?? Date.now
  const live = new Map<string, number>() // code → expiry time
  return {
    issue() {
      const code = randomBytes(24).toString('base64url')
      live.set(code, now() + ttlMs)
      if (live.size > MAX_LIVE_CODES) live.delete(live.keys().next().value!)
      return code
    },
    redeem(code) {
      const t = now()
      let matched: string | null = null
      // Compare against every live code in constant time each, so timing says nothing about how much matched.
      for (const [candidate, expiresAt] of live) {
        if (expiresAt <= t) live.delete(candidate)
        else if (tokensMatch(code, candidate)) matched = candidate
      }
      if (matched === null) return false
      live.delete(matched)
      return true
    }
  }
}
