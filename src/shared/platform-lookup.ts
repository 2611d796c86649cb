/**
 * Finding a DNS platform by whatever name a user types: its catalog id, its name in any language the app ships,
 * or a common alias (`aliyun`, `阿里云`, `aws`, `hwcloud` …), in any case, with or without spaces and dots.
 * One lookup for the CLI's `--platform`, the diagnose input and the platform picker's search.
 */
import type { Provider } from './catalog-types'
import { editDistance } from './edit-distance'

type Searchable = Pick<Provider, 'id' | 'names'> & { aliases?: readonly string[] }

/** Lower case, full-width folded (NFKC), without spaces, dots, dashes, underscores and brackets. */
export function normalizePlatformQuery(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-()（）·&]+/g, '')
}

function keysOf(p: Searchable): string[] {
  return [...new Set([p.id, ...Object.values(p.names), ...(p.aliases ?? [])].map(normalizePlatformQuery).filter((k) => k !== ''))]
}

/** The platform the text names exactly (id, a localized name or an alias), or undefined. */
export function findPlatform<P extends Searchable>(text: string, platforms: readonly P[]): P | undefined {
  const query = normalizePlatformQuery(text)
  if (query === '') return undefined
  return platforms.find((p) => keysOf(p).includes(query))
}

/**
 * Platforms the text may mean, best first: names that start with it or contain it, then names within a couple of
 * typos. For the picker's search and for "did you mean …" after an unknown name.
 */
export function searchPlatforms<P extends Searchable>(text: string, platforms: readonly P[], limit = 5): P[] {
  const query = normalizePlatformQuery(text)
  if (query === '') return []
  const scored = platforms
    .map((p) => ({ p, score: Math.min(...keysOf(p).map((key) => matchScore(query, key))) }))
    .filter((s) => s.score < Number.POSITIVE_INFINITY)
    .sort((a, b) => a.score - b.score)
  return scored.slice(0, limit).map((s) => s.p)
}

/** 0 equal, 1 prefix, 2 contains, 3 + edit distance for near misses (up to a third of the query), else Infinity. */
function matchScore(query: string, key: string): number {
  if (key === query) return 0
  if (key.startsWith(query)) return 1
  if (query.length >= 2 && key.includes(query)) return 2
  const allowed = Math.min(2, Math.floor(query.length / 3))
  if (allowed === 0) return Number.POSITIVE_INFINITY
  const distance = editDistance(query, key.slice(0, query.length + allowed))
  return distance <= allowed ? 3 + distance : Number.POSITIVE_INFINITY
}
