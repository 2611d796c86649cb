/**
 * Vite plugin: after the renderer is written, a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of
 * it, at the highest levels, for the browser-mode bridge to send as the browser accepts
 * (src/main/bridge/content-encoding.ts). Compressing once at build time costs a second or two there and nothing
 * per request. Files that would not shrink by much are left alone. The Electron shell reads the renderer from
 * disk and ignores these copies (electron-builder.yml leaves them out of the package).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map'])
/** Below this size the headers cost about as much as the bytes compression saves. */
const MIN_BYTES = 1024
/** A copy must be at most this fraction of the original to be worth keeping. */
const MAX_RATIO = 0.9

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

export async function precompressFile(path: string): Promise<string[]> {
  const data = await readFile(path)
  if (data.length < MIN_BYTES) return []
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
      }
    }),
    gzipAsync(data, { level: constants.Z_BEST_COMPRESSION })
  ])
  const written: string[] = []
  for (const [suffix, copy] of [['.br', br], ['.gz', gz]] as const) {
    if (copy.length > data.length * MAX_RATIO) continue
    await writeFile(path + suffix, copy)
    written.push(path + suffix)
  }
  return written
}

export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'dns-verify:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.has(extname(name).toLowerCase()))
      await Promise.all(files.map((name) => precompressFile(join(dir, name))))
    }
  }
}
