import { API_CHANNELS, type ApiChannel, type ApiClient } from '../../../shared/api'
import { type PreloadApi, unwrapApiResult } from '../../../shared/api-result'

/**
 * The Electron transport: wraps what the preload exposes as `window.dnsVerify` (each call resolves to a
 * `{ ok, value | error }` envelope) into an `ApiClient` whose calls resolve to the value or reject with an
 * `ApiError` (code, message, field). The unwrapping happens here, in the page's own world, because Electron's
 * contextBridge drops custom properties of Error objects it copies.
 */
export function createIpcClient(bridge: PreloadApi): ApiClient {
  const client: Record<string, unknown> = {}
  for (const channel of API_CHANNELS) {
    const call = bridge[channel] as (input?: unknown) => Promise<unknown>
    client[channel] = async (input?: unknown) => unwrapApiResult(await call(input))
  }
  client['onDidWatchProgress'] = (listener: Parameters<ApiClient['onDidWatchProgress']>[0]) => bridge.onDidWatchProgress(listener)
  return client as ApiClient
}

/** Whether `value` looks like the preload's API (and not the older version-only placeholder). */
export function isPreloadApi(value: unknown): value is PreloadApi {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<Record<ApiChannel | 'onDidWatchProgress', unknown>>
  return API_CHANNELS.every((channel) => typeof candidate[channel] === 'function') && typeof candidate.onDidWatchProgress === 'function'
}
