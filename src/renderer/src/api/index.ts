import type { ApiClient } from '../../../shared/api'
import { createHttpClient, takeBridgeToken } from './http'
import { createIpcClient, isPreloadApi } from './ipc'

export { ApiError, isApiErrorBody } from '../../../shared/api-result'
export type { ApiClient } from '../../../shared/api'

let current: ApiClient | null = null

// Relative imports and no DOM-only type names in this folder: besides the renderer build, Node-side tests
// (tests/integration/bridge-client.test.ts, tests/unit/ipc-surface.test.ts) type-check and run these files.

/**
 * The API for this page: over Electron IPC when the preload exposed `window.dnsVerify`, otherwise over the
 * loopback HTTP bridge that served the page (browser mode, `npm run web`). Created on first use.
 */
export function getApi(): ApiClient {
  current ??= createDefaultApi()
  return current
}

/** Replaces the API (tests, stories); `null` goes back to the default on the next `getApi()`. */
export function setApi(api: ApiClient | null): void {
  current = api
}

function createDefaultApi(): ApiClient {
  // The preload's object; env.d.ts still types it as the version-only placeholder, hence the check.
  const preload: unknown = (globalThis as { dnsVerify?: unknown }).dnsVerify
  if (isPreloadApi(preload)) return createIpcClient(preload)
  return createHttpClient({ token: takeBridgeToken() })
}
