import { connect } from 'node:net'
import type { DnsResponse, ServerAddress } from '../../shared/dns-types'
import { takeFreshUdpSocket } from './fresh-udp-socket'
import { canonicalIp } from './server-address'

/**
 * Decides whether bytes that arrived are the reply we wait for. Returns the decoded response, or a
 * short reason why it was ignored (wrong id, wrong question, malformed...).
 */
export type ReplyFilter = (buf: Buffer) => { response: DnsResponse } | { ignored: string }

export interface TryOptions {
  timeoutMs: number
  signal?: AbortSignal
}

export interface TryReply {
  response: DnsResponse
  bytes: number
  ignored: number
}

/** Why one try failed; the exchange decides whether to try again. */
export class TryFailure extends Error {
  constructor(
    readonly code: 'timeout' | 'network' | 'refused_connection' | 'aborted',
    message: string,
    readonly ignored: number
  ) {
    super(message)
  }
}

/**
 * One UDP request/response on a fresh socket (new ephemeral source port for every try, so an
 * off-path attacker must guess port and id). The socket is connected, so the kernel drops datagrams
 * from other sources and reports ICMP "port unreachable" as ECONNREFUSED; the source is checked
 * again here anyway, because not every platform filters connected UDP sockets the same way.
 */
export function udpTry(message: Buffer, server: ServerAddress, filter: ReplyFilter, options: TryOptions): Promise<TryReply> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new TryFailure('aborted', 'The query was cancelled.', 0))
    const socket = takeFreshUdpSocket(server.family === 6 ? 6 : 4)
    let ignored = 0
    let done = false
    const finish = (error: TryFailure | null, reply?: TryReply): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      socket.close()
      if (error) reject(error)
      else resolve(reply!)
    }
    const onAbort = (): void => finish(new TryFailure('aborted', 'The query was cancelled.', ignored))
    const timer = setTimeout(
      () => finish(new TryFailure('timeout', `No answer within ${options.timeoutMs} ms.`, ignored)),
      options.timeoutMs
    )
    options.signal?.addEventListener('abort', onAbort, { once: true })
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') {
        finish(new TryFailure('refused_connection', `Nothing is listening on UDP port ${server.port} of ${server.host} (connection refused).`, ignored))
      } else {
        finish(new TryFailure('network', `Network error talking to ${server.host}: ${err.code ?? err.message}.`, ignored))
      }
    })
    socket.on('message', (buf, rinfo) => {
      if (rinfo.port !== server.port || !sameIp(rinfo.address, server)) {
        ignored++
        return
      }
      const verdict = filter(buf)
      if ('ignored' in verdict) {
        ignored++
        return
      }
      finish(null, { response: verdict.response, bytes: buf.length, ignored })
    })
    const cannotSend = (err: Error): void =>
      finish(new TryFailure('network', `Could not send to ${server.host}: ${(err as NodeJS.ErrnoException).code ?? err.message}.`, ignored))
    try {
      // A failed connect (EINVAL for a link-local address without a zone, EACCES for broadcast,
      // ENETUNREACH) arrives as the callback's argument, not as an 'error' event; sending on the
      // unconnected socket would then throw outside any handler and take the process down.
      socket.connect(server.port, server.host, (err?: Error) => {
        if (done) return
        if (err) return cannotSend(err)
        socket.send(message, (sendErr) => {
          if (sendErr) cannotSend(sendErr)
        })
      })
    } catch (err) {
      cannotSend(err as Error) // bad port or address in a ServerAddress built by hand
    }
  })
}

/**
 * Compares the address a datagram came from with the server's. Both sides are canonicalised: the
 * kernel prints an IPv4-mapped peer as ::ffff:127.0.0.1 where the URL form is ::ffff:7f00:1, and a
 * caller may pass a ServerAddress that never went through parseServerAddress. Zones are left out;
 * the connected socket already pins the peer's interface.
 */
function sameIp(address: string, server: ServerAddress): boolean {
  const bare = (host: string): string => canonicalIp(host.split('%')[0]!, server.family)
  return bare(address) === bare(server.host)
}

/** DNS over TCP (RFC 1035 4.2.2 / RFC 7766): two-byte length prefix, one query per connection. */
export function tcpTry(message: Buffer, server: ServerAddress, filter: ReplyFilter, options: TryOptions): Promise<TryReply> {
  return new Promise((resolve, reject) => {
    let socket: ReturnType<typeof connect>
    try {
      socket = connect({ host: server.host, port: server.port, noDelay: true })
    } catch (err) {
      // Bad port or address in a ServerAddress built by hand.
      return reject(new TryFailure('network', `Could not connect to ${server.host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`, 0))
    }
    let ignored = 0
    let done = false
    let pending = Buffer.alloc(0)
    const finish = (error: TryFailure | null, reply?: TryReply): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      if (error) reject(error)
      else resolve(reply!)
    }
    const onAbort = (): void => finish(new TryFailure('aborted', 'The query was cancelled.', ignored))
    const timer = setTimeout(
      () => finish(new TryFailure('timeout', `No answer over TCP within ${options.timeoutMs} ms.`, ignored)),
      options.timeoutMs
    )
    if (options.signal?.aborted) return onAbort()
    options.signal?.addEventListener('abort', onAbort, { once: true })
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') {
        finish(new TryFailure('refused_connection', `Nothing is listening on TCP port ${server.port} of ${server.host} (connection refused).`, ignored))
      } else {
        finish(new TryFailure('network', `Network error talking to ${server.host} over TCP: ${err.code ?? err.message}.`, ignored))
      }
    })
    socket.on('connect', () => {
      const framed = Buffer.alloc(2 + message.length)
      framed.writeUInt16BE(message.length, 0)
      message.copy(framed, 2)
      socket.write(framed)
    })
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0)
        if (pending.length < 2 + length) return
        const body = pending.subarray(2, 2 + length)
        pending = pending.subarray(2 + length)
        const verdict = filter(body)
        if ('ignored' in verdict) {
          ignored++
          continue
        }
        return finish(null, { response: verdict.response, bytes: body.length, ignored })
      }
    })
    socket.on('end', () => finish(new TryFailure('network', `${server.host} closed the TCP connection without a complete answer.`, ignored)))
  })
}
