import { API_CHANNELS, type ApiClient, type WatchProgress } from '../../../shared/api'
import { API_EVENT_CHANNELS, ApiError, unwrapApiResult } from '../../../shared/api-result'

/**
 * The browser-mode transport: `POST /api/<channel>` to the loopback bridge that served this page, with the access
 * token in the `Authorization` header, and server-sent events from `/api/events` for push events.
 *
 * The token arrives once, in the address the bridge prints (`/?token=...`), or is traded for the one-time launch
 * code in the address the bridge opened the browser with (`/?launch=...`: command lines are visible to other local
 * users, so the token is never on one). `takeBridgeToken()` moves it into sessionStorage (this tab, this origin
 * only) and removes both from the address bar. Requests use relative URLs, so the token only ever goes back to the
 * origin that served the page.
 *
 * (Only structural types here, no DOM-only names: Node-side tests type-check and run this file too.)
 */

export const TOKEN_STORAGE_KEY = 'dnsVerify.bridgeToken'
const TOKEN_PARAM = 'token'
const LAUNCH_PARAM = 'launch'

/** The parts of `window` the token handling touches. */
export interface TokenWindow {
  location: { readonly href: string }
  history: { readonly state: unknown; replaceState(data: unknown, unused: string, url?: string | null): void }
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void }
}

/**
 * The bridge token: from the page address (then stored and stripped from the address), traded for the launch
 * code in the address (async), else from sessionStorage.
 */
export function takeBridgeToken(
  win: TokenWindow = globalThis as unknown as TokenWindow,
  redeem: (code: string) => Promise<string | null> = (code) => redeemLaunchCode(code)
): string | null | Promise<string | null> {
  const url = new URL(win.location.href)
  const fromUrl = url.searchParams.get(TOKEN_PARAM)
  const code = url.searchParams.get(LAUNCH_PARAM)
  if (fromUrl !== null || code !== null) {
    // Out of the address bar (and so of history and bookmarks) before anything else happens.
    url.searchParams.delete(TOKEN_PARAM)
    url.searchParams.delete(LAUNCH_PARAM)
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash)
  }
  if (fromUrl) return keep(win, fromUrl)
  if (code) return redeem(code).then((token) => (token ? keep(win, token) : storedToken(win)))
  return storedToken(win)
}

function keep(win: TokenWindow, token: string): string {
  try {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, token)
  } catch {
    // Storage disabled: the token still works for this page load.
  }
  return token
}

function storedToken(win: TokenWindow): string | null {
  try {
    return win.sessionStorage.getItem(TOKEN_STORAGE_KEY)
  } catch {
    return null
  }
}

/** Trades a one-time launch code for the token at the bridge that served this page; null when it is refused. */
export async function redeemLaunchCode(code: string, basePath = '/api', doFetch: FetchLike = (url, init) => fetch(url, init)): Promise<string | null> {
  try {
    const response = await doFetch(`${basePath}/launch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
      credentials: 'omit',
      redirect: 'error'
    })
    const body = (await response.json()) as { ok?: unknown; value?: { token?: unknown } } | null
    return body?.ok === true && typeof body.value?.token === 'string' ? body.value.token : null
  } catch {
    return null
  }
}

/** What is used of an EventSource. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data: string }) => void): void
  close(): void
}

/** What is used of a fetch Response. */
interface ResponseLike {
  readonly status: number
  json(): Promise<unknown>
}

type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; credentials: 'omit'; redirect: 'error' }
) => Promise<ResponseLike>

export interface HttpClientOptions {
  /** The token, or its promise while a launch code is being traded for it. */
  token: string | null | Promise<string | null>
  /** Prefix of the API paths: `/api` on the page's own origin by default. */
  basePath?: string
  fetch?: FetchLike
  createEventSource?: (url: string) => EventSourceLike
}

export function createHttpClient(options: HttpClientOptions): ApiClient {
  const basePath = options.basePath ?? '/api'
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init))
  const createEventSource =
    options.createEventSource ??
    ((url: string) => new (globalThis as unknown as { EventSource: new (url: string) => EventSourceLike }).EventSource(url))
  const tokenReady = Promise.resolve(options.token)

  async function call(channel: string, input: unknown): Promise<unknown> {
    const token = await tokenReady
    if (!token) throw ApiError.of('forbidden', 'api.noToken')
    let response: ResponseLike
    try {
      response = await doFetch(`${basePath}/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? null),
        credentials: 'omit',
        redirect: 'error'
      })
    } catch {
      throw ApiError.of('internal', 'api.unreachable')
    }
    let body: unknown
    try {
      body = await response.json()
    } catch {
      throw ApiError.of('internal', 'api.noResult', { status: response.status })
    }
    return unwrapApiResult(body)
  }

  const listeners = new Set<(event: WatchProgress) => void>()
  let source: EventSourceLike | null = null

  function openEvents(token: string): void {
    source = createEventSource(`${basePath}/events?${TOKEN_PARAM}=${encodeURIComponent(token)}`)
    source.addEventListener(API_EVENT_CHANNELS.onDidWatchProgress, (event) => {
      let payload: WatchProgress
      try {
        payload = JSON.parse(event.data) as WatchProgress
      } catch {
        return
      }
      for (const l of [...listeners]) l(payload)
    })
  }

  function onDidWatchProgress(listener: (event: WatchProgress) => void): () => void {
    listeners.add(listener)
    if (source === null && typeof options.token === 'string') {
      openEvents(options.token)
    } else if (source === null && options.token instanceof Promise) {
      // Once the launch code has been traded for the token, if the events are still wanted by then.
      void tokenReady.then((token) => {
        if (token && source === null && listeners.size > 0) openEvents(token)
      })
    }
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && source !== null) {
        source.close()
        source = null
      }
    }
  }

  const client: Record<string, unknown> = { onDidWatchProgress }
  for (const channel of API_CHANNELS) client[channel] = (input?: unknown) => call(channel, input)
  return client as ApiClient
}
