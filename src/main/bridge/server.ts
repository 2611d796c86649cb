/**
 * Browser mode: the same API as the Electron shell, over HTTP on 127.0.0.1, plus the built renderer as static
 * files, so the app runs in any browser (and Playwright drives it in Chromium).
 *
 *   GET  /, /assets/...        the renderer (no token needed: public build output; Host still checked)
 *   POST /api/<channel>        JSON input → `{ ok, value | error }` (Authorization: Bearer <token>)
 *   GET  /api/events?token=…   server-sent events: `watch:onDidProgress` with a WatchProgress as data
 *   POST /api/launch           `{ "code": … }` → `{ ok, value: { token } }`: a one-time launch code (the address the
 *                              browser was opened with) traded for the token, once (launch-codes.ts)
 *
 * Every request passes the guards in request-guard.ts first; every response carries the app's CSP and
 * no-sniff / no-referrer / no-framing headers.
 */
import { createReadStream } from 'node:fs'
import { realpath } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ApiClient, ApiErrorBody, WatchProgress } from '../../shared/api'
import { API_EVENT_CHANNELS, ApiError, type ApiResult } from '../../shared/api-result'
import { callApi, type DispatchLogger } from '../api/dispatch'
import { isApiChannel } from '../api/channel-schemas'
import { contentSecurityPolicyHeader } from '../shell/content-security-policy'
import {
  bearerToken,
  generateToken,
  hostHeaderCount,
  isAllowedOrigin,
  isCrossSiteFetch,
  isExpectedHost,
  tokensMatch
} from './request-guard'
import { negotiateEncoding, type ContentEncoding } from './content-encoding'
import { createLaunchCodes, type LaunchCodes } from './launch-codes'
import { resolveStaticFile, type StaticFile } from './static-files'


/** Sessions whose latest watch event a new event-stream connection receives at once. */
const MAX_REPLAYED_SESSIONS = 200

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

export interface BridgeOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Only loopback: the bridge is never reachable from the network. */
  host?: '127.0.0.1'
  /** The built renderer (out/renderer). */
  rendererDir: string
  service: ApiClient
  /** Fixed token (tests); random 32 bytes by default. */
  token?: string
  maxBodyBytes?: number
  logger?: DispatchLogger
  /** Launch codes (tests pass ones with a short life or a manual clock). */
  launchCodes?: LaunchCodes
}

export interface RunningBridge {
  port: number
  token: string
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** The address to print: the page with the token, which the page moves to sessionStorage. */
  pageUrl: string
  /**
   * An address for a browser opener's command line: the page with a fresh one-time launch code instead of the
   * token (command lines are visible to other local users), valid once and for a short time.
   */
  launchUrl(): string
  close(): Promise<void>
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicyHeader(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

const HTTP_STATUS: Record<ApiErrorBody['code'], number> = {
  bad_input: 400,
  not_found: 404,
  forbidden: 403,
  internal: 500
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const host = options.host ?? '127.0.0.1'
  if (host !== '127.0.0.1') throw new Error('The bridge only listens on 127.0.0.1.')
  const root = await realpath(options.rendererDir)
  const token = options.token ?? generateToken()
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const { service } = options
  const launchCodes = options.launchCodes ?? createLaunchCodes()
  const events = new Set<ServerResponse>()
  let port = 0

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      options.logger?.error('bridge request failed', e)
      if (!res.headersSent) sendError(res, 500, ApiError.of('internal', 'bridge.failed'))
      else res.destroy()
    })
  })
  server.headersTimeout = 20_000
  server.requestTimeout = 60_000

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (hostHeaderCount(req.rawHeaders) > 1) {
      res.setHeader('Connection', 'close')
      return sendError(res, 400, ApiError.of('bad_input', 'bridge.duplicateHost'))
    }
    if (!isExpectedHost(req.headers, port)) {
      return sendError(res, 421, ApiError.of('forbidden', 'bridge.wrongHost', { address: `127.0.0.1:${port}` }))
    }
    if (!isAllowedOrigin(req.headers, port)) {
      return sendError(res, 403, ApiError.of('forbidden', 'bridge.crossSite'))
    }
    const target = parseRequestTarget(req.url ?? '')
    if (!target) return sendError(res, 400, ApiError.of('bad_input', 'bridge.badPath'))
    if (target.pathname === '/api' || target.pathname.startsWith('/api/')) return handleApi(req, res, target)
    return handleStatic(req, res, target)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: RequestTarget): Promise<void> {
    if (isCrossSiteFetch(req.headers)) {
      return sendError(res, 403, ApiError.of('forbidden', 'bridge.crossSite'))
    }
    if (url.pathname === '/api/events') {
      const given = bearerToken(req.headers) ?? url.searchParams.get('token')
      if (!tokensMatch(given, token)) return sendUnauthorized(res)
      if (req.method !== 'GET') return sendMethodNotAllowed(res, 'GET')
      return openEventStream(req, res)
    }
    if (url.pathname === '/api/launch') return handleLaunch(req, res)
    if (!tokensMatch(bearerToken(req.headers), token)) return sendUnauthorized(res)
    let channel: string
    try {
      channel = decodeURIComponent(url.pathname.slice('/api/'.length))
    } catch {
      channel = ''
    }
    if (!isApiChannel(channel)) {
      return sendError(res, 404, ApiError.of('not_found', 'api.noSuchCall', { channel: channel.slice(0, 100) }))
    }
    if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST')
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (contentType !== 'application/json') {
      return sendError(res, 415, ApiError.of('bad_input', 'bridge.notJson'))
    }
    const body = await readBody(req, res)
    if (body === null) return
    let input: unknown
    if (body.length === 0) {
      input = undefined
    } else {
      try {
        input = JSON.parse(body.toString('utf8'))
      } catch (e) {
        return sendError(res, 400, ApiError.of('bad_input', 'bridge.badJson', { detail: (e as Error).message }))
      }
    }
    const result = await callApi(service, channel, input, options.logger)
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result)
  }

  /** Trades a launch code for the token; a code works once. Asking needs no token, so nothing else is said here. */
  async function handleLaunch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendMethodNotAllowed(res, 'POST')
    const body = await readBody(req, res)
    if (body === null) return
    let code: unknown
    try {
      code = (JSON.parse(body.toString('utf8')) as { code?: unknown } | null)?.code
    } catch {
      code = undefined
    }
    if (typeof code !== 'string' || !launchCodes.redeem(code)) {
      return sendError(res, 401, ApiError.of('forbidden', 'bridge.launchSpent'))
    }
    sendJson(res, 200, { ok: true, value: { token } })
  }

  /** The body, or null after answering 413 when it is larger than allowed (reading stops there). */
  function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      sendTooLarge(req, res)
      return Promise.resolve(null)
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      let done = false
      req.on('data', (chunk: Buffer) => {
        if (done) return
        size += chunk.length
        if (size > maxBodyBytes) {
          done = true
          chunks.length = 0
          sendTooLarge(req, res)
          resolve(null)
          return
        }
        chunks.push(chunk)
      })
      req.on('end', () => {
        if (done) return
        done = true
        resolve(Buffer.concat(chunks))
      })
      req.on('error', (e) => {
        if (done) return
        done = true
        reject(e)
      })
    })
  }

  function sendTooLarge(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Connection', 'close')
    sendError(res, 413, ApiError.of('bad_input', 'bridge.tooLarge', { max: maxBodyBytes }))
    // Whatever else the client sends is read and dropped, not kept; the connection closes after the answer.
    req.removeAllListeners('data')
    req.resume()
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    res.write('retry: 2000\n\n')
    // A check can finish before the page's event stream has connected; replay each session's
    // latest event so a fresh connection never waits for news that already happened.
    for (const frame of lastFrames.values()) res.write(frame)
    events.add(res)
    req.on('close', () => events.delete(res))
  }

  const heartbeat = setInterval(() => {
    for (const res of events) res.write(': keep-alive\n\n')
  }, 20_000)
  heartbeat.unref()

  const lastFrames = new Map<string, string>()
  const unsubscribe = service.onDidWatchProgress((progress: WatchProgress) => {
    const frame = `event: ${API_EVENT_CHANNELS.onDidWatchProgress}\ndata: ${JSON.stringify(progress)}\n\n`
    lastFrames.delete(progress.sessionId) // re-insert: the map stays in order of last activity
    lastFrames.set(progress.sessionId, frame)
    if (lastFrames.size > MAX_REPLAYED_SESSIONS) lastFrames.delete(lastFrames.keys().next().value!)
    for (const res of events) res.write(frame)
  })

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: RequestTarget): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD')
    const file = await resolveStaticFile(root, url.pathname)
    if (!file) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end('Not found\n')
      return
    }
    sendStaticFile(req, res, file)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const origin = `http://127.0.0.1:${port}`

  return {
    port,
    token,
    origin,
    pageUrl: `${origin}/?token=${token}`,
    launchUrl: () => `${origin}/?launch=${launchCodes.issue()}`,
    async close() {
      unsubscribe()
      clearInterval(heartbeat)
      for (const res of events) res.end()
      events.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

interface RequestTarget {
  /** Still percent-encoded. */
  pathname: string
  searchParams: URLSearchParams
}

/**
 * The path and query of an origin-form request target (`/path?query`). Read by hand, not with `new URL()`,
 * which would take `//host/path` for another host; absolute-form targets (`http://...`) are refused.
 */
function parseRequestTarget(target: string): RequestTarget | null {
  if (!target.startsWith('/')) return null
  const hash = target.indexOf('#')
  const withoutHash = hash === -1 ? target : target.slice(0, hash)
  const q = withoutHash.indexOf('?')
  return {
    pathname: q === -1 ? withoutHash : withoutHash.slice(0, q),
    searchParams: new URLSearchParams(q === -1 ? '' : withoutHash.slice(q + 1))
  }
}

/**
 * A file of the renderer, compressed as the browser accepts (the build's .br/.gz copy), with its cache policy and
 * an entity tag; 304 when the browser's copy is current.
 */
function sendStaticFile(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  const coding = negotiateEncoding(req.headers['accept-encoding'], Object.keys(file.encoded) as ContentEncoding[])
  const body = coding ? file.encoded[coding]! : file
  // Each representation has its own tag, so a cache never answers a gzip request with brotli bytes.
  const etag = `"${body.size.toString(36)}-${Math.floor(body.mtimeMs).toString(36)}${coding ? `-${coding}` : ''}"`
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Cache-Control': file.cacheControl,
    ETag: etag
  }
  if (Object.keys(file.encoded).length > 0) headers['Vary'] = 'Accept-Encoding'
  if (coding) headers['Content-Encoding'] = coding
  if (ifNoneMatch(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  res.writeHead(200, { ...headers, 'Content-Length': String(body.size) })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const stream = createReadStream(body.path)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

/** Whether an If-None-Match header names `etag` (or is `*`): the browser's copy is current (RFC 9110 13.1.2). */
function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t === etag || t === `W/${etag}`
  })
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store'
  })
  res.end(text)
}

function sendError(res: ServerResponse, status: number, error: ApiError): void {
  sendJson(res, status, { ok: false, error: error.toBody() })
}

function sendUnauthorized(res: ServerResponse): void {
  res.setHeader('WWW-Authenticate', 'Bearer')
  sendError(res, 401, ApiError.of('forbidden', 'bridge.badToken'))
}

function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow)
  sendError(res, 405, ApiError.of('bad_input', 'bridge.method', { allow }))
}
