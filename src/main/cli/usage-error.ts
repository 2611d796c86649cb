import { englishMessage, type ErrorMessageId, LocalizedError, type MessageParams } from '../../shared/messages'

/**
 * Brands a usage error so it is recognised across copies of this class: the built CLI bundles each command
 * apart (out/node/commands/*.cjs), each with its own UsageError, so `instanceof` in the entry would miss them.
 */
const USAGE_ERROR = Symbol.for('dns-verify-assistant.usage-error')

/**
 * A mistake in how the command was called. The CLI prints the message (English, from the locale tree) and exits
 * with status 2; `usage`, when given, follows on its own lines (the options, or where to find them).
 */
export class UsageError extends LocalizedError {
  override name = 'UsageError'
  readonly [USAGE_ERROR] = true
  constructor(messageId: ErrorMessageId, params: MessageParams = {}, usage?: string) {
    super(messageId, params)
    if (usage !== undefined) this.message += `\n${usage}`
  }
}

/** Whether `e` is a UsageError, from this copy of the class or another bundle's. */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && (e as Partial<Record<typeof USAGE_ERROR, boolean>>)[USAGE_ERROR] === true
}

/** `Run "dnsverify help query" for the options.` */
export function helpHint(command: string): string {
  return englishMessage('cli.helpHint', { command })
}
