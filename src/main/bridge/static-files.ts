/**
 * The built renderer as static files: a URL path maps to a file inside the renderer folder or to nothing.
 * Decoded paths with `..`, backslashes, NUL or hidden segments are refused before touching the disk, and the
 * real path (symlinks resolved) must still lie inside the folder.
 */
import { realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'

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

export interface StaticFile {
  path: string
  size: number
  contentType: string
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
  if (!real.startsWith(root + sep)) return null
  const info = await stat(real).catch(() => null)
  if (!info?.isFile()) return null
  return { path: real, size: info.size, contentType: contentTypeFor(real) }
}
