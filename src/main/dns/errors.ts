import type { DnsQuestion, ExchangeFailureCode, ServerAddress } from '../../shared/dns-types'
import { englishMessage, type ErrorMessageId, type MessageParams, type MessageRef } from '../../shared/messages'

/** Base of every error the DNS layer throws on purpose; anything else escaping it is a bug. */
export class DnsError extends Error {
  override name = 'DnsError'
}

/** A question DNS cannot carry (a record type or class that does not exist), as a person typed it. */
export class InvalidQuestionError extends DnsError implements MessageRef {
  override name = 'InvalidQuestionError'
  constructor(
    readonly messageId: ErrorMessageId,
    readonly params: MessageParams
  ) {
    super(englishMessage(messageId, params))
  }
}

/** Bytes that are not a well-formed DNS message. `offset` points at the first byte that could not be read. */
export class DnsDecodeError extends DnsError {
  override name = 'DnsDecodeError'
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message)
  }
}

/** One exchange with one server did not produce an acceptable answer. */
export class ExchangeError extends DnsError {
  override name = 'ExchangeError'
  constructor(
    readonly code: ExchangeFailureCode,
    message: string,
    readonly server: ServerAddress,
    readonly query: DnsQuestion,
    readonly elapsedMs: number,
    readonly ignoredReplies: number
  ) {
    super(message)
  }
}
