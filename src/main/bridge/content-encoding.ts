/**
 * Which compressed form of a static file to send, from the request's Accept-Encoding (RFC 9110 12.5.3): the
 * build writes `name.br` and `name.gz` beside each compressible file (scripts/vite-precompress.ts), and the
 * bridge sends one of them when the browser takes it, never compressing at request time.
 */

export type ContentEncoding = 'br' | 'gzip'

/** Brotli first: it is the smaller of the two for the same file. */
const PREFERENCE: readonly ContentEncoding[] = ['br', 'gzip']

/**
 * The best of `available` that `acceptEncoding` accepts, or null for the file as it is. A coding is accepted when
 * listed (or matched by `*`) with q > 0; `q=0` refuses it. Of the accepted ones, the highest q wins, then brotli.
 */
export function negotiateEncoding(acceptEncoding: string | undefined, available: readonly ContentEncoding[]): ContentEncoding | null {
  if (!acceptEncoding || available.length === 0) return null
  const weights = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';')
    if (!token) continue
    let q = 1
    for (const param of params) {
      const [name, value] = param.trim().split('=')
      if (name === 'q') {
        const parsed = Number(value)
        q = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0
      }
    }
    weights.set(token === 'x-gzip' ? 'gzip' : token, q)
  }
  let best: ContentEncoding | null = null
  let bestQ = 0
  for (const coding of PREFERENCE) {
    if (!available.includes(coding)) continue
    const q = weights.get(coding) ?? weights.get('*') ?? 0
    if (q > bestQ) {
      best = coding
      bestQ = q
    }
  }
  return best
}
