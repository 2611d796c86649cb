import type { DnsQuestion, ExchangeFailureCode, ServerAddress } from '../../shared/dns-types'

/** Base of every error the DNS layer throws on purpose; anything else escaping it is a bug. */
export class DnsError extends Error {
  override name = 'DnsError'
}

/** Input that is not a valid domain name; the message names the offending part. */
export class InvalidNameError extends DnsError {
  override name = 'InvalidNameError'
}

/** A server address string that cannot be parsed. */
export class InvalidServerError extends DnsError {
  override name = 'InvalidServerError'
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
