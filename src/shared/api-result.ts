/**
 * How a call's outcome crosses a transport (Electron IPC or the loopback HTTP bridge): as a plain-data envelope,
 * `{ ok: true, value }` or `{ ok: false, error }`, never as a thrown Error. Errors do not survive structured clone
 * or the contextBridge with their fields (Electron drops custom properties of Error objects), so the renderer side
 * turns the envelope back into a rejected `ApiError` itself.
 *
 * Pure module: the preload bundles it, the renderer and the main process import it.
 */
import type { Api, ApiChannel, ApiErrorBody, WatchProgress } from './api'
import { englishMessage, type ErrorMessageId, type MessageParams, type MessageRef } from './messages'

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody }

/** Push event names, the same on both transports (IPC channel and SSE event type). */
export const API_EVENT_CHANNELS = {
  onDidWatchProgress: 'watch:onDidProgress'
} as const

export const API_ERROR_CODES = ['bad_input', 'not_found', 'internal', 'forbidden'] as const satisfies readonly ApiErrorBody['code'][]

/**
 * A rejected API call: `code` says what kind, `field` (for bad_input) which input, `messageId` + `params` what to
 * tell the user. The service throws it on purpose (`ApiError.of`); the renderer gets it back from an envelope.
 */
export class ApiError extends Error implements MessageRef {
  override name = 'ApiError'
  readonly code: ApiErrorBody['code']
  readonly field: string | undefined
  readonly messageId: ErrorMessageId
  readonly params: MessageParams

  constructor(body: ApiErrorBody) {
    super(body.message)
    this.code = body.code
    this.field = body.field
    this.messageId = body.messageId
    this.params = body.params
  }

  static of(code: ApiErrorBody['code'], messageId: ErrorMessageId, params: MessageParams = {}, field?: string): ApiError {
    const body: ApiErrorBody = { code, message: englishMessage(messageId, params), messageId, params }
    return new ApiError(field === undefined || field === '' ? body : { ...body, field })
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message, messageId: this.messageId, params: this.params }
    return this.field === undefined ? body : { ...body, field: this.field }
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false
  const body = value as Record<string, unknown>
  return (
    typeof body['code'] === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes(body['code']) &&
    typeof body['message'] === 'string' &&
    typeof body['messageId'] === 'string' &&
    typeof body['params'] === 'object' &&
    body['params'] !== null &&
    (body['field'] === undefined || typeof body['field'] === 'string')
  )
}

/** The value of an envelope, or throws its error as an `ApiError`; anything that is not an envelope is `internal`. */
export function unwrapApiResult<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null) {
    const envelope = result as Record<string, unknown>
    if (envelope['ok'] === true) return envelope['value'] as T
    if (envelope['ok'] === false && isApiErrorBody(envelope['error'])) throw new ApiError(envelope['error'])
  }
  throw ApiError.of('internal', 'api.badAnswer')
}

type ResultOf<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<ApiResult<R>> : never

/**
 * What the preload exposes as `window.dnsVerify`: every Api call, each resolving to its envelope, plus the event
 * subscription and the app version. `src/renderer/src/api/ipc.ts` unwraps it into an `ApiClient`.
 */
export type PreloadApi = { readonly [K in ApiChannel]: ResultOf<Api[K]> } & {
  readonly version: string
  onDidWatchProgress(listener: (event: WatchProgress) => void): () => void
}
