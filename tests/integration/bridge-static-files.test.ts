/**
 * How the bridge sends the renderer's files: the build's brotli or gzip copy as the browser accepts it, with Vary,
 * a year of caching for the content-hashed files under assets/ and a check on every use for index.html, entity
 * tags and 304s. The compressed copies are made by the same code the build uses (scripts/vite-precompress.ts).
 */
import { request } from 'node:http'
import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompressFile } from '../../scripts/vite-precompress'
import { startBridge, type RunningBridge } from '../../src/main/bridge/server'
import { createApiService, type ApiService } from '../../src/main/services/api-service'
import { FakeEngine, ManualTimers } from '../support/fake-engine'

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `message number ${i}`))};\n`
const HTML = `<!doctype html><title>DNS Verify Assistant</title><script type="module" src="./assets/index-AbC123xy.js"></script>${'<!-- padding -->'.repeat(100)}`
const OUTSIDE = 'OUTSIDE-THE-RENDERER'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

let root: string
let bridge: RunningBridge
let service: ApiService

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dnsverify-static-'))
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), HTML)
  await writeFile(join(rendererDir, 'assets/index-AbC123xy.js'), SCRIPT)
  await writeFile(join(rendererDir, 'assets/tiny-Zz99Yy88.js'), 'export {}\n')
  await writeFile(join(rendererDir, 'assets/stale-Qq11Ww22.js'), SCRIPT)
  await writeFile(join(rendererDir, 'assets/escape-Ee33Rr44.js'), SCRIPT)
  await writeFile(join(root, 'outside.br'), OUTSIDE)
  for (const file of ['index.html', 'assets/index-AbC123xy.js', 'assets/tiny-Zz99Yy88.js', 'assets/stale-Qq11Ww22.js']) {
    await precompressFile(join(rendererDir, file))
  }
  // A copy older than its file (left from an earlier build) and a copy that is a link out of the folder.
  const past = new Date(Date.now() - 3_600_000)
  await utimes(join(rendererDir, 'assets/stale-Qq11Ww22.js.br'), past, past)
  await utimes(join(rendererDir, 'assets/stale-Qq11Ww22.js.gz'), past, past)
  await symlink(join(root, 'outside.br'), join(rendererDir, 'assets/escape-Ee33Rr44.js.br'))
  service = createApiService({ dataDir: join(root, 'data'), engine: new FakeEngine(), logger: { warn: () => undefined }, timers: new ManualTimers() })
  bridge = await startBridge({ rendererDir, service, logger: { error: () => undefined } })
})
afterAll(async () => {
  await bridge.close()
  await service.dispose()
  await rm(root, { recursive: true, force: true })
})

describe('compressed copies', () => {
  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, and the file to others', async () => {
    const br = await get('/assets/index-AbC123xy.js', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT)
    expect(Number(br.headers['content-length'])).toBe(br.body.length)
    expect(br.body.length).toBeLessThan(SCRIPT.length / 3)

    const gz = await get('/assets/index-AbC123xy.js', { 'Accept-Encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT)

    const plain = await get('/assets/index-AbC123xy.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(SCRIPT)

    for (const reply of [br, gz, plain]) {
      expect(reply.status).toBe(200)
      expect(reply.headers['vary']).toBe('Accept-Encoding')
      expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
    }
    expect(new Set([br, gz, plain].map((r) => r.headers['etag'])).size).toBe(3)
  })

  it('honours q=0', async () => {
    const reply = await get('/assets/index-AbC123xy.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' })
    expect(reply.headers['content-encoding']).toBe('gzip')
  })

  it('sends HEAD the same headers as GET, without a body', async () => {
    const reply = await get('/assets/index-AbC123xy.js', { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-encoding']).toBe('br')
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(0)
    expect(reply.body.length).toBe(0)
  })

  it('sends a small file as it is, without Vary (there is nothing else to send)', async () => {
    const reply = await get('/assets/tiny-Zz99Yy88.js', { 'Accept-Encoding': 'br, gzip' })
    expect(reply.headers['content-encoding']).toBeUndefined()
    expect(reply.headers['vary']).toBeUndefined()
    expect(reply.body.toString()).toBe('export {}\n')
  })

  it('never sends a copy older than its file, nor one that links out of the renderer folder', async () => {
    const stale = await get('/assets/stale-Qq11Ww22.js', { 'Accept-Encoding': 'br, gzip' })
    expect(stale.headers['content-encoding']).toBeUndefined()
    expect(stale.body.toString()).toBe(SCRIPT)
    const escape = await get('/assets/escape-Ee33Rr44.js', { 'Accept-Encoding': 'br' })
    expect(escape.headers['content-encoding']).toBeUndefined()
    expect(escape.body.toString()).toBe(SCRIPT)
  })
})

describe('caching', () => {
  it('lets a browser keep content-hashed assets for a year', async () => {
    const reply = await get('/assets/index-AbC123xy.js')
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('has index.html checked on every use, and answers 304 when the browser has it', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' })
    expect(first.status).toBe(200)
    expect(first.headers['cache-control']).toBe('no-cache')
    expect(brotliDecompressSync(first.body).toString()).toBe(HTML)
    const etag = String(first.headers['etag'])
    const again = await get('/', { 'Accept-Encoding': 'br', 'If-None-Match': etag })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers['etag']).toBe(etag)
    expect(again.headers['content-security-policy']).toBeDefined()
    // Another representation does not match that tag.
    const gzip = await get('/', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag })
    expect(gzip.status).toBe(200)
    expect(gunzipSync(gzip.body).toString()).toBe(HTML)
  })
})
