/**
 * The single way an adapter (IPC, HTTP bridge) calls the API: unknown channel → not_found, input checked against
 * its schema → bad_input naming the field, then the service; any error becomes a typed `ApiErrorBody` in a
 * `{ ok: false }` envelope. Never throws, so a bad call cannot take the main process down.
 */
import type { ApiClient } from '../../shared/api'
import { ApiError, type ApiResult } from '../../shared/api-result'
import { isApiChannel, validateApiInput } from './channel-schemas'
import { toApiErrorBody } from './error-body'

export interface DispatchLogger {
  error(message: string, error: unknown): void
}

const consoleLogger: DispatchLogger = { error: (message, error) => console.error(`[dns-verify] ${message}`, error) }

export async function callApi(
  service: ApiClient,
  channel: string,
  input: unknown,
  logger: DispatchLogger = consoleLogger
): Promise<ApiResult<unknown>> {
  if (!isApiChannel(channel)) {
    return { ok: false, error: ApiError.of('not_found', 'api.noSuchCall', { channel: channel.slice(0, 100) }).toBody() }
  }
  const checked = validateApiInput(channel, input)
  if (!checked.ok) return checked
  try {
    const method = service[channel] as (input: unknown) => Promise<unknown>
    const value = await method.call(service, checked.value)
    return { ok: true, value }
  } catch (e) {
    const error = toApiErrorBody(e)
    if (error.code === 'internal') logger.error(`${channel} failed`, e)
    return { ok: false, error }
  }
}
