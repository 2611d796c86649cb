import { englishMessage, type ErrorMessageId, LocalizedError, type MessageParams } from '../../shared/messages'

/**
 * A mistake in how the command was called. The CLI prints the message (English, from the locale tree) and exits
 * with status 2; `usage`, when given, follows on its own lines (the options, or where to find them).
 */
export class UsageError extends LocalizedError {
  override name = 'UsageError'
  constructor(messageId: ErrorMessageId, params: MessageParams = {}, usage?: string) {
    super(messageId, params)
    if (usage !== undefined) this.message += `\n${usage}`
  }
}

/** `Run "dnsverify help query" for the options.` */
export function helpHint(command: string): string {
  return englishMessage('cli.helpHint', { command })
}
