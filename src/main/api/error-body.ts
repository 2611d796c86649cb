/**
 * Any failure of an API call as the typed body a transport sends (`ApiErrorBody`): a message id and params for the
 * UI, the same words in English for logs and scripts, and for bad input the dotted path of the offending field.
 * Input problems (zod issues, the engine's InputError, the service's own ApiError) are `bad_input`; anything else
 * is `internal`.
 */
import * as z from 'zod'
import type { ApiErrorBody } from '../../shared/api'
import { ApiError } from '../../shared/api-result'
import { type ErrorMessageId, isLocalized, type MessageParams, type MessageRef } from '../../shared/messages'
import { issueMessage } from '../../shared/schema-issues'

export function toApiErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody()
  if (error instanceof z.ZodError) return zodErrorBody(error)
  if (isFieldError(error)) return ApiError.of('bad_input', error.messageId, error.params, error.field).toBody()
  const detail = error instanceof Error ? error.message : String(error)
  return ApiError.of('internal', 'api.internal', { detail }).toBody()
}

/** An InputError from the engine (recognized by shape, so a copy of the module from another bundle counts too). */
function isFieldError(error: unknown): error is Error & MessageRef & { field: string } {
  return isLocalized(error) && typeof (error as { field?: unknown }).field === 'string'
}

export function zodErrorBody(error: z.ZodError): ApiErrorBody {
  const issue = error.issues[0]
  if (issue === undefined) return ApiError.of('bad_input', 'schema.invalid').toBody()
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys
    const field = [...path, ...(keys.length === 1 ? [keys[0]!] : [])].join('.')
    return ApiError.of('bad_input', keys.length > 1 ? 'schema.unknownFields' : 'schema.unknownField', { keys: keys.join(', ') }, field).toBody()
  }
  const { messageId, params } = describeIssue(issue, path)
  return ApiError.of('bad_input', messageId, params, path.join('.')).toBody()
}

function describeIssue(issue: z.core.$ZodIssue, path: string[]): MessageRef {
  const what: MessageRef = path.length > 0 ? ref('schema.field', { field: path.join('.') }) : ref('schema.theInput')
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return ref('schema.missing', { what })
      return ref('schema.wrongType', { what, expected: kind(issue.expected), actual: kindOfValue(issue.input) })
    case 'too_big':
      if (issue.origin === 'string') return ref('schema.tooLong', { what, max: Number(issue.maximum) })
      if (issue.origin === 'array') return ref('schema.tooManyItems', { what, max: Number(issue.maximum) })
      return ref('schema.tooBig', { what, max: Number(issue.maximum) })
    case 'too_small':
      if (issue.origin === 'string') return ref('schema.tooShort', { what, min: Number(issue.minimum) })
      if (issue.origin === 'array') {
        return ref(Number(issue.minimum) === 1 ? 'schema.tooFewItem' : 'schema.tooFewItems', { what, min: Number(issue.minimum) })
      }
      return ref('schema.tooSmall', { what, min: Number(issue.minimum) })
    case 'invalid_value':
      return ref('schema.notOneOf', { what, values: issue.values.map((v) => JSON.stringify(v)).join(', ') })
    case 'invalid_format':
      return ref('schema.wrongFormat', { what })
    case 'invalid_union':
      return ref('schema.wrongShape', { what })
    case 'custom':
      return issueMessage(issue) ?? ref('schema.other', { what, detail: issue.message })
    default:
      return ref('schema.other', { what, detail: issue.message })
  }
}

function ref(messageId: ErrorMessageId, params: MessageParams = {}): MessageRef {
  return { messageId, params }
}

const KINDS = ['string', 'number', 'int', 'boolean', 'array', 'object', 'null'] as const

function kind(name: string): MessageRef {
  return (KINDS as readonly string[]).includes(name)
    ? ref(`schema.kind.${name as (typeof KINDS)[number]}`)
    : ref('schema.kind.other', { type: name })
}

function kindOfValue(value: unknown): MessageRef {
  if (value === null) return kind('null')
  if (Array.isArray(value)) return kind('array')
  if (typeof value === 'number' && !Number.isInteger(value)) return ref('schema.kind.fraction', { value })
  return kind(typeof value)
}
