// The renderer's HTTP client (src/renderer/src/api/http.ts) against the real bridge: calls resolve to values
// or reject with ApiError (code, field), and watch progress arrives over server-sent events. Node has no
// EventSource, so a small fetch-based one stands in (same wire format, same URL with ?token=).

import { get as httpGet } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { WatchProgress } from '../../src/shared/api'
import { ApiError } from '../../src/shared/api-result'
import { createHttpClient, takeBridgeToken, TOKEN_STORAGE_KEY } from '../../src/renderer/src/api/http'
import { defaultSettings } from '../../src/shared/default-settings'
import { sampleInput, verifiedReport } from '../support/fake-engine'
import { startFixture, type BridgeFixture } from '../support/bridge'

class FetchEventSource {
  private readonly controller = new AbortController()
  private readonly listeners = new Map<string, ((event: { data: string }) => void)[]>()
  readonly opened: Promise<void>

  constructor(url: string) {
    this.opened = this.run(url)
  }

  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close(): void {
    this.controller.abort()
  }

  private async run(url: string): Promise<void> {
    const res = await fetch(url, { signal: this.controller.signal })
    if (res.status !== 200 || !res.body) throw new Error(`event stream: HTTP ${res.status}`)
    const decoder = new TextDecoder()
    let buffer = ''
    const reader = res.body.getReader()
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read()
          if (done) return
          buffer += decoder.decode(value, { stream: true })
          let end: number
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const type = /^event: (.*)$/m.exec(block)?.[1]
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (type && data !== undefined) {
              for (const l of this.listeners.get(type) ?? []) l({ data })
            }
          }
        }
      } catch {
        // closed
      }
    })()
  }
}

let f: BridgeFixture
const sources: FetchEventSource[] = []

beforeAll(async () => {
  f = await startFixture()
})

afterAll(async () => {
  for (const s of sources) s.close()
  await f.close()
})

function client(token: string | null = f.bridge.token) {
  return createHttpClient({
    token,
    basePath: `${f.bridge.origin}/api`,
    createEventSource: (url) => {
      const source = new FetchEventSource(url)
      sources.push(source)
      return source
    }
  })
}

describe('renderer HTTP client against the bridge', () => {
  it('resolves values', async () => {
    const settings = await client()['settings:get']()
    expect(settings.timeoutMs).toBe(defaultSettings().timeoutMs)
    expect((await client()['catalog:cas']()).length).toBeGreaterThan(0)
  })

  it('rejects with ApiError carrying code and field', async () => {
    const error = await client()['sessions:delete']({ id: 'a/b' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ code: 'bad_input', field: 'id' })
  })

  it('without a token, says how to get one instead of calling', async () => {
    await expect(client(null)['settings:get']()).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('npm run web') })
  })

  it('with a wrong token, rejects with forbidden', async () => {
    await expect(client('wrong')['settings:get']()).rejects.toMatchObject({ code: 'forbidden' })
  })

  it('receives watch progress over server-sent events', async () => {
    const api = client()
    await api['settings:set']({ ...defaultSettings(), includeSystemResolvers: false })
    f.engine.script = async (_call, _input, options) => {
      options.onProgress?.(1, 2)
      return verifiedReport()
    }
    const seen: WatchProgress[] = []
    const unsubscribe = api.onDidWatchProgress((p) => seen.push(p))
    await sources.at(-1)!.opened
    await api['watch:start']({ sessionId: 'web-1', input: sampleInput(), intervalSeconds: 30 })
    await vi.waitFor(() => expect(seen.map((p) => p.phase)).toEqual(['checking', 'checking', 'done']))
    expect(seen.map((p) => p.progress)).toEqual([0, 0.5, 1])
    expect(seen[2]!.report?.verdict).toBe('verified')
    unsubscribe()
  })

  it('replays the latest event of a check that finished before the event stream connected', async () => {
    const api = client()
    await api['settings:set']({ ...defaultSettings(), includeSystemResolvers: false })
    f.engine.script = async () => verifiedReport()
    const seen: WatchProgress[] = []
    const unsubscribe = api.onDidWatchProgress((p) => seen.push(p))
    await sources.at(-1)!.opened
    await api['watch:start']({ sessionId: 'web-early', input: sampleInput(), intervalSeconds: 30 })
    await vi.waitFor(() => expect(seen.some((p) => p.sessionId === 'web-early' && p.phase === 'done')).toBe(true))
    unsubscribe()
    // A connection opened only now (as a page that loads late would) must still get the finished check.
    const firstFrames = await new Promise<string>((resolve, reject) => {
      const req = httpGet(
        { host: '127.0.0.1', port: f.bridge.port, path: `/api/events?token=${f.bridge.token}`, headers: { Host: `127.0.0.1:${f.bridge.port}` } },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString()
            if (text.includes('"sessionId":"web-early","phase":"done"')) {
              req.destroy()
              resolve(text)
            }
          })
        }
      )
      req.on('error', reject)
      setTimeout(() => {
        req.destroy()
        resolve('')
      }, 3000)
    })
    expect(firstFrames).toContain('"sessionId":"web-early","phase":"done"')
  })
})

describe('takeBridgeToken', () => {
  function fakeWindow(href: string) {
    const storage = new Map<string, string>()
    const replaced: string[] = []
    return {
      win: {
        location: { href },
        history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
        sessionStorage: {
          getItem: (k: string) => storage.get(k) ?? null,
          setItem: (k: string, v: string) => void storage.set(k, v)
        }
      },
      storage,
      replaced
    }
  }

  it('moves the token from the address to sessionStorage and strips it from the address bar', () => {
    const { win, storage, replaced } = fakeWindow('http://127.0.0.1:4000/?token=abc&lang=es#step-2')
    expect(takeBridgeToken(win)).toBe('abc')
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc')
    expect(replaced).toEqual(['/?lang=es#step-2'])
  })

  it('falls back to sessionStorage after a reload', () => {
    const { win, storage, replaced } = fakeWindow('http://127.0.0.1:4000/')
    storage.set(TOKEN_STORAGE_KEY, 'stored')
    expect(takeBridgeToken(win)).toBe('stored')
    expect(replaced).toEqual([])
  })
})
