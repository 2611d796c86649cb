/**
 * zod issues that carry a message id (see messages.ts), so a refusal found by a schema speaks the same words as
 * the check it ran. `error-body.ts` (API) and `inputErrorOf` (engine) read the id back from `issue.params`.
 */
import * as z from 'zod'
import { type ErrorMessageId, isErrorMessageId, isLocalized, type MessageParams, type MessageRef } from './messages'

/** A custom issue worded by the locale message `messageId`. */
export function customIssue(messageId: ErrorMessageId, params: MessageParams = {}, path: (string | number)[] = []) {
  return { code: 'custom' as const, path, message: messageId, params: { messageId, params } }
}

/** The message a custom issue carries, if it carries one. */
export function issueMessage(issue: z.core.$ZodIssue | undefined): MessageRef | null {
  if (issue?.code !== 'custom') return null
  const params = issue.params as Partial<MessageRef> | undefined
  return params && isErrorMessageId(params.messageId) ? { messageId: params.messageId, params: params.params ?? {} } : null
}

/** A transform that runs `check`; what it refuses (a LocalizedError) becomes an issue with its message id. */
export function checked<I, O>(check: (value: I) => O, path: (string | number)[] = []) {
  return (value: I, ctx: z.RefinementCtx): O => {
    try {
      return check(value)
    } catch (e) {
      if (!isLocalized(e)) throw e
      ctx.addIssue(customIssue(e.messageId, e.params, path))
      return z.NEVER
    }
  }
}
