// A real bridge on 127.0.0.1:0 over a throwaway renderer folder, and a raw HTTP client that can send what
// browsers would not (any Host, any path, broken bodies), for the bridge tests.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBridge, type RunningBridge } from '../../src/main/bridge/server'
import type { LaunchCodes } from '../../src/main/bridge/launch-codes'
import { createApiService, type ApiService, type DiagnosisEngine } from '../../src/main/services/api-service'
import { FakeEngine, ManualTimers } from './fake-engine'

export const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER'

export interface BridgeFixture {
  bridge: RunningBridge
  service: ApiService
  engine: FakeEngine
  root: string
  close(): Promise<void>
}

export interface FixtureOptions {
  maxBodyBytes?: number
  /** The engine behind the service; default the scripted FakeEngine (`fixture.engine`). */
  engine?: DiagnosisEngine
  launchCodes?: LaunchCodes
}

export async function startFixture(options: FixtureOptions = {}): Promise<BridgeFixture> {
  const root = await mkdtemp(join(tmpdir(), 'dnsverify-bridge-'))
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>DNS Verify Assistant</title><div id="app"></div>')
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(rendererDir, 'assets', 'style.css'), 'body{}')
  await writeFile(join(rendererDir, '.env'), SECRET)
  await writeFile(join(root, 'secret.txt'), SECRET)
  await symlink(root, join(rendererDir, 'link-out'))
  const engine = new FakeEngine()
  const service = createApiService({
    dataDir: join(root, 'data'),
    engine: options.engine ?? engine,
    logger: { warn: () => undefined },
    timers: new ManualTimers()
  })
  const bridge = await startBridge({
    rendererDir,
    service,
    maxBodyBytes: options.maxBodyBytes,
    launchCodes: options.launchCodes,
    logger: { error: () => undefined }
  })
  return {
    bridge,
    service,
    engine,
    root,
    async close() {
      await bridge.close()
      await service.dispose()
      await rm(root, { recursive: true, force: true })
    }
  }
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
  json: unknown
}

export interface RawRequest {
  method?: string
  path: string
  headers?: Record<string, string>
  /** Sent as is; a Content-Length is added unless `chunks` is used. */
  body?: string | Buffer
  /** Sent with chunked transfer encoding, one write each. */
  chunks?: Buffer[]
}

/** One request on a fresh connection, exactly as given (the Host header defaults to the right one). */
export function raw(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, Connection: 'close', ...req.headers }
    if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body))
    const r = httpRequest({ host: '127.0.0.1', port, method: req.method ?? 'GET', path: req.path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: unknown = undefined
        try {
          json = JSON.parse(text)
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
      })
      res.on('error', reject)
    })
    r.on('error', reject)
    if (req.chunks) {
      for (const c of req.chunks) r.write(c)
      r.end()
    } else {
      r.end(req.body)
    }
  })
}

/** An API call the way the renderer makes it. */
export function api(fixture: BridgeFixture, channel: string, input: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return raw(fixture.bridge.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      Authorization: `Bearer ${fixture.bridge.token}`,
      'Content-Type': 'application/json',
      Origin: fixture.bridge.origin,
      ...headers
    },
    body: JSON.stringify(input ?? null)
  })
}
