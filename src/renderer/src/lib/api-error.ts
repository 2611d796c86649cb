import type { ApiErrorBody } from '@shared/api'

const CODES: readonly ApiErrorBody['code'][] = ['bad_input', 'not_found', 'internal', 'forbidden']

/** Any rejection from the api client as the typed error body (transports throw an ApiError carrying one). */
export function apiErrorOf(error: unknown): ApiErrorBody {
  if (typeof error === 'object' && error !== null) {
    const candidate = error as Partial<ApiErrorBody> & { body?: Partial<ApiErrorBody> }
    const body = candidate.body && typeof candidate.body === 'object' ? candidate.body : candidate
    const code = CODES.includes(body.code as ApiErrorBody['code']) ? (body.code as ApiErrorBody['code']) : 'internal'
    const message = typeof body.message === 'string' && body.message !== '' ? body.message : String(error)
    return typeof body.field === 'string' ? { code, message, field: body.field } : { code, message }
  }
  return { code: 'internal', message: String(error) }
}

/** Errors by field (`host`, `domains.0`); errors without a field go under `''`. */
export type FieldErrors = Record<string, string>

export function fieldErrorsOf(error: unknown): FieldErrors {
  const body = apiErrorOf(error)
  return { [body.field ?? '']: body.message }
}
