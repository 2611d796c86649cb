import type { ApiErrorBody } from '@shared/api'
import { API_ERROR_CODES, isApiErrorBody } from '@shared/api-result'
import { LocalizedError, shownMessageOf, type ShownMessage } from '@shared/messages'

/** Any rejection from the api client as the typed error body (transports throw an ApiError carrying one). */
export function apiErrorOf(error: unknown): ApiErrorBody {
  if (isApiErrorBody(error)) return error
  if (typeof error === 'object' && error !== null && isApiErrorBody((error as { body?: unknown }).body)) {
    return (error as { body: ApiErrorBody }).body
  }
  const code = API_ERROR_CODES.find((c) => c === (error as { code?: unknown } | null)?.code) ?? 'internal'
  return { code, ...shownMessageOf(error) }
}

/** Errors by field (`host`, `domains.0`); errors without a field go under `''`. Translated where shown. */
export type FieldErrors = Record<string, ShownMessage>

export function fieldErrorsOf(error: unknown): FieldErrors {
  const body = apiErrorOf(error)
  return { [body.field ?? '']: body }
}

/** What a check done here found wrong, as a field error; null when `check` passes. */
export function problemOf(check: () => unknown): ShownMessage | null {
  try {
    check()
    return null
  } catch (e) {
    if (e instanceof LocalizedError) return shownMessageOf(e)
    throw e
  }
}
