/**
 * Errors for people, the way ESLint reports carry `messageId` + `data`: code raises an id and its params, and the
 * words live once, in the locale tree under `errors.<id>` (`src/shared/locales/{en,zh-CN,es}.json`). `message` is
 * the English text, for logs, the CLI and the JSON error body; a UI shows `errors.<id>` in the user's language.
 *
 * Pure module: the main process, the renderer and the CLI import it.
 */
import { formatMessage, messageAt } from './format-message'
import en from './locales/en.json'

/** A placeholder value: text, a number, or another message (a reason inside a sentence), translated alike. */
export type MessageParam = string | number | MessageRef

/** Placeholder values of a message (`{name}` in the locale file). */
export type MessageParams = Readonly<Record<string, MessageParam>>

type LeafKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** Every error message id: a dotted key under `errors` in the locale files (`name.emptyLabel`). */
export type ErrorMessageId = LeafKeys<(typeof en)['errors']>

/** A message as data: what a transport carries and a UI translates. */
export interface MessageRef {
  messageId: ErrorMessageId
  params: MessageParams
}

/** The locale key of an error message id. */
export function errorMessageKey(id: ErrorMessageId): `errors.${ErrorMessageId}` {
  return `errors.${id}`
}

/** Params with every nested message rendered by `render` (English here, the UI's language in the renderer). */
export function renderParams(params: MessageParams, render: (ref: MessageRef) => string): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const [key, value] of Object.entries(params)) out[key] = typeof value === 'object' ? render(value) : value
  return out
}

/** The English text of an error message. */
export function englishMessage(id: ErrorMessageId, params: MessageParams = {}): string {
  const flat = renderParams(params, (ref) => englishMessage(ref.messageId, ref.params))
  return formatMessage(messageAt(en, errorMessageKey(id)), flat)
}

/** Whether `id` names an error message (for ids that arrive over a transport). */
export function isErrorMessageId(id: unknown): id is ErrorMessageId {
  return typeof id === 'string' && messageAt(en, `errors.${id}`) !== `errors.${id}`
}

/** An error whose words are in the locale tree; `message` is its English text. */
export class LocalizedError extends Error {
  override name = 'LocalizedError'
  constructor(
    readonly messageId: ErrorMessageId,
    readonly params: MessageParams = {}
  ) {
    super(englishMessage(messageId, params))
  }

  toMessage(): MessageRef {
    return { messageId: this.messageId, params: this.params }
  }
}

/** Any error that carries a message id (a LocalizedError, or one from another copy of this module). */
export function isLocalized(error: unknown): error is Error & MessageRef {
  return (
    error instanceof Error &&
    isErrorMessageId((error as Partial<MessageRef>).messageId) &&
    typeof (error as Partial<MessageRef>).params === 'object' &&
    (error as Partial<MessageRef>).params !== null
  )
}

/** A message ready to show: id + params for a UI that translates, the English text for everything else. */
export interface ShownMessage extends MessageRef {
  message: string
}

export function shownMessage(messageId: ErrorMessageId, params: MessageParams = {}): ShownMessage {
  return { messageId, params, message: englishMessage(messageId, params) }
}

/** What to tell a person about an error: its own message when it has one, else `fallback` with its text as detail. */
export function shownMessageOf(error: unknown, fallback: ErrorMessageId = 'api.internal'): ShownMessage {
  if (isLocalized(error)) return { messageId: error.messageId, params: error.params, message: error.message }
  return shownMessage(fallback, { detail: error instanceof Error ? error.message : String(error) })
}
