/**
 * The built renderer as static files: a URL path maps to a file inside the renderer folder or to nothing.
 * Decoded paths with `..`, backslashes, NUL or hidden segments are refused before touching the disk, and the
 * real path (symlinks resolved) must still lie inside the folder. A file comes with the compressed copies the
 * build wrote beside it (`.br`, `.gz`) and how long a browser may keep it.
 */
import { realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'
import type { ContentEncoding } from './content-encoding'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm'
}

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export interface StoredFile {
  path: string
  size: number
  mtimeMs: number
}

export interface StaticFile extends StoredFile {
  contentType: string
  /** Cache-Control for it: see cacheControlFor. */
  cacheControl: string
  /** Compressed copies written by the build (scripts/vite-precompress.ts), by content coding. */
  encoded: Partial<Record<ContentEncoding, StoredFile>>
}

/** Suffix of each compressed copy the build writes beside a file. */
const ENCODED_SUFFIX: Readonly<Record<ContentEncoding, string>> = { br: '.br', gzip: '.gz' }

/**
 * Files under assets/ are named by the build after a hash of their content (`index-CCxRPKZ2.js`): a new build
 * gives new names, so a browser may keep them for good. Everything else (index.html, which names the current
 * assets) is checked with the server on every use.
 */
export function cacheControlFor(segments: readonly string[]): string {
  return segments.length > 1 && segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/**
 * The file `pathname` (as in the request URL, still percent-encoded) names inside `root` (a real path), or null.
 * `/` is index.html.
 */
export async function resolveStaticFile(root: string, pathname: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null
  const segments = decoded.split('/').filter((s) => s !== '')
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.') || s.includes(':'))) return null
  const relative = segments.length === 0 ? ['index.html'] : segments
  const candidate = join(root, ...relative)
  let real: string
  try {
    real = await realpath(candidate)
  } catch {
    return null
  }
  const file = await storedFile(root, real)
  if (!file) return null
  const encoded: StaticFile['encoded'] = {}
  await Promise.all(
    (Object.keys(ENCODED_SUFFIX) as ContentEncoding[]).map(async (coding) => {
      const copy = await storedFile(root, await realpath(real + ENCODED_SUFFIX[coding]).catch(() => ''))
      // A copy older than the file is left out rather than trusted: it may hold an earlier build.
      if (copy && copy.mtimeMs >= file.mtimeMs) encoded[coding] = copy
    })
  )
  return { ...file, contentType: contentTypeFor(real), cacheControl: cacheControlFor(relative), encoded }
}

/** The regular file at real path `real` if it lies inside `root`, else null. */
async function storedFile(root: string, real: string): Promise<StoredFile | null> {
  if (!real.startsWith(root + sep)) return null
  const info = await stat(real).catch(() => null)
  if (!info?.isFile()) return null
  return { path: real, size: info.size, mtimeMs: info.mtimeMs }
}
