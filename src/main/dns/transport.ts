import { createSocket, type RemoteInfo, type Socket } from 'node:dgram'
import { lookup as dnsLookup } from 'node:dns'
import { connect, isIP } from 'node:net'
import type { DnsResponse, ServerAddress } from '../../shared/dns-types'
import { canonicalIp } from '../../shared/server-address'

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
 *
 * This is the hot path of every lookup, so its state lives in one object and the socket's
 * listeners are shared functions rather than closures made per try.
 */
export function udpTry(message: Buffer, server: ServerAddress, filter: ReplyFilter, options: TryOptions): Promise<TryReply> {
  return new Promise((resolve, reject) => {
    const signal = options.signal
    if (signal?.aborted) return reject(new TryFailure('aborted', 'The query was cancelled.', 0))
    const socket = createSocket({ type: server.family === 6 ? 'udp6' : 'udp4', lookup: literalLookup as never }) as UdpTrySocket
    const pending: UdpTryState = {
      socket,
      server,
      serverIp: null,
      filter,
      timeoutMs: options.timeoutMs,
      timer: null,
      signal,
      onAbort: null,
      ignored: 0,
      done: false,
      resolve,
      reject
    }
    socket[kTry] = pending
    pending.timer = setTimeout(onUdpTimeout, options.timeoutMs, pending)
    if (signal) {
      pending.onAbort = () => settle(pending, new TryFailure('aborted', 'The query was cancelled.', pending.ignored))
      signal.addEventListener('abort', pending.onAbort, { once: true })
    }
    socket.on('error', onUdpError)
    socket.on('message', onUdpMessage)
    try {
      // A failed connect (EINVAL for a link-local address without a zone, EACCES for broadcast,
      // ENETUNREACH) arrives as the callback's argument, not as an 'error' event; sending on the
      // unconnected socket would then throw outside any handler and take the process down.
      socket.connect(server.port, server.host, (err?: Error) => {
        if (pending.done) return
        if (err) return cannotSend(pending, err)
        socket.send(message, (sendErr) => {
          if (sendErr) cannotSend(pending, sendErr)
        })
      })
    } catch (err) {
      cannotSend(pending, err as Error) // bad port or address in a ServerAddress built by hand
    }
  })
}

/**
 * dgram resolves every address it binds or connects to through dns.lookup, which answers an IP
 * literal only on the next tick; answering literals at once lets bind and connect complete in the
 * same turn. Anything else still goes through dns.lookup. (@types/node declares the second
 * argument as options; dgram passes the family.)
 */
function literalLookup(address: string, family: number, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const literalFamily = isIP(address)
  if (literalFamily !== 0) callback(null, address, literalFamily)
  else dnsLookup(address, family, callback)
}

const kTry = Symbol('udpTry')

interface UdpTrySocket extends Socket {
  [kTry]: UdpTryState
}

interface UdpTryState {
  socket: UdpTrySocket
  server: ServerAddress
  /** The server's address as bareIp gives it, computed when a datagram first needs it. */
  serverIp: string | null
  filter: ReplyFilter
  timeoutMs: number
  timer: NodeJS.Timeout | null
  signal: AbortSignal | undefined
  onAbort: (() => void) | null
  ignored: number
  done: boolean
  resolve: (reply: TryReply) => void
  reject: (error: TryFailure) => void
}

function settle(pending: UdpTryState, error: TryFailure | null, reply?: TryReply): void {
  if (pending.done) return
  pending.done = true
  clearTimeout(pending.timer!)
  if (pending.onAbort) pending.signal!.removeEventListener('abort', pending.onAbort)
  if (error) {
    pending.socket.close()
    pending.reject(error)
  } else {
    closeSoon(pending.socket)
    pending.resolve(reply!)
  }
}

function onUdpTimeout(pending: UdpTryState): void {
  settle(pending, new TryFailure('timeout', `No answer within ${pending.timeoutMs} ms.`, pending.ignored))
}

function cannotSend(pending: UdpTryState, err: Error): void {
  const host = pending.server.host
  settle(pending, new TryFailure('network', `Could not send to ${host}: ${(err as NodeJS.ErrnoException).code ?? err.message}.`, pending.ignored))
}

function onUdpError(this: UdpTrySocket, err: NodeJS.ErrnoException): void {
  const pending = this[kTry]
  const { host, port } = pending.server
  if (err.code === 'ECONNREFUSED') {
    settle(pending, new TryFailure('refused_connection', `Nothing is listening on UDP port ${port} of ${host} (connection refused).`, pending.ignored))
  } else {
    settle(pending, new TryFailure('network', `Network error talking to ${host}: ${err.code ?? err.message}.`, pending.ignored))
  }
}

function onUdpMessage(this: UdpTrySocket, buf: Buffer, rinfo: RemoteInfo): void {
  const pending = this[kTry]
  if (pending.done) return // the socket is closed at the next turn of the event loop
  const server = pending.server
  if (rinfo.port !== server.port || !fromServer(rinfo.address, pending)) {
    pending.ignored++
    return
  }
  const verdict = pending.filter(buf)
  if ('ignored' in verdict) {
    pending.ignored++
    return
  }
  settle(pending, null, { response: verdict.response, bytes: buf.length, ignored: pending.ignored })
}

function fromServer(address: string, pending: UdpTryState): boolean {
  const server = pending.server
  if (address === server.host) return true
  pending.serverIp ??= bareIp(server.host, server.family)
  return bareIp(address, server.family) === pending.serverIp
}

/**
 * The address a datagram came from and the server's, in one form: the kernel prints an
 * IPv4-mapped peer as ::ffff:127.0.0.1 where the URL form is ::ffff:7f00:1, and a caller may pass a
 * ServerAddress that never went through parseServerAddress. Zones are left out; the connected
 * socket already pins the peer's interface.
 */
function bareIp(host: string, family: 4 | 6): string {
  return canonicalIp(host.split('%')[0]!, family)
}

/**
 * The socket of an answered try is closed at the next turn of the event loop, all of them in one
 * go, so that the close (a system call and the kernel's teardown of the port) is not paid between
 * the answer and the caller. Until then its listeners ignore everything, because the try is done.
 * A failed try closes its socket at once, as it may never have been bound or connected.
 */
const toClose: Socket[] = []

function closeSoon(socket: Socket): void {
  if (toClose.push(socket) === 1) setImmediate(closeSettled)
}

function closeSettled(): void {
  for (const socket of toClose.splice(0)) socket.close()
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
