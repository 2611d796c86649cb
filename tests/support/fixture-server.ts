/**
 * In-process DNS servers with scripted behaviour, built on dns2's UDP and TCP servers, for tests of
 * the client's transport logic (wrong ids, wrong source ports, silence, truncation, EDNS rejection).
 * Replies are built with dns-packet so a script can produce any message, including broken ones.
 */
import { createSocket, type RemoteInfo } from 'node:dgram'
import type { AddressInfo, Socket } from 'node:net'
import dns2 from 'dns2'
import dnsPacket from 'dns-packet'
import type { ServerAddress } from '../../src/shared/dns-types'

export interface FixtureQuery {
  id: number
  name: string
  type: string
  /** Raw request bytes as received. */
  raw: Buffer
  rd: boolean
  cd: boolean
  edns: boolean
  dnssecOk: boolean
  transport: 'udp' | 'tcp'
  /** The client's source port, to check that every try comes from a fresh one. */
  sourcePort: number
}

export interface FixtureContext {
  query: FixtureQuery
  /** Send bytes back to the client the normal way. */
  reply(bytes: Buffer): void
  /** UDP only: send bytes to the client from a different source port (a spoofing attempt). */
  replyFromOtherPort(bytes: Buffer): void
  /** TCP: write bytes as they are, without a length prefix (to send a bad frame). UDP: same as reply. */
  writeRaw(bytes: Buffer): void
  /** TCP: close the connection. UDP: nothing to close. */
  closeConnection(): void
}

export type FixtureHandler = (ctx: FixtureContext) => void | Promise<void>

export interface FixtureServer {
  address: ServerAddress
  /** `host:port` or `[host]:port`, as the CLI and parseServerAddress read it. */
  spec: string
  queries: FixtureQuery[]
  close(): Promise<void>
}

export interface FixtureServerOptions {
  family?: 4 | 6
  /** Loopback address to listen on, e.g. 127.0.0.7 to stand for one server of a delegation. Default 127.0.0.1 / ::1. */
  host?: string
  /** Port for UDP and TCP; default a free one chosen by the system. */
  port?: number
}

export async function startFixtureServer(
  handler: FixtureHandler,
  familyOrOptions: 4 | 6 | FixtureServerOptions = 4
): Promise<FixtureServer> {
  const options = typeof familyOrOptions === 'number' ? { family: familyOrOptions } : familyOrOptions
  // The system picks a free UDP port; the same number may be taken for TCP by another process.
  // With a port of our own choosing there is nothing to retry; otherwise try a few fresh ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(handler, options)
    } catch (error) {
      const taken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      if (!taken || options.port !== undefined || attempt >= 5) throw error
    }
  }
}

async function startOnce(handler: FixtureHandler, options: FixtureServerOptions): Promise<FixtureServer> {
  const family = options.family ?? (options.host?.includes(':') ? 6 : 4)
  const host = options.host ?? (family === 6 ? '::1' : '127.0.0.1')
  const queries: FixtureQuery[] = []
  const spoofer = createSocket(family === 6 ? 'udp6' : 'udp4')
  await new Promise<void>((resolve) => spoofer.bind(0, host, resolve))

  const udp = new dns2.UDPServer({ type: family === 6 ? 'udp6' : 'udp4' })
  // dns2 parses the request with its own Packet class; we re-read the raw bytes with dns-packet
  // instead, so the raw message is needed: keep it from the socket's message event.
  let lastRaw: Buffer = Buffer.alloc(0)
  udp.prependListener('message', (buf: Buffer) => (lastRaw = buf))
  udp.on('request', (_req: unknown, send: (b: Buffer) => Promise<unknown>, rinfo: RemoteInfo) => {
    const query = readQuery(lastRaw, 'udp', rinfo.port)
    queries.push(query)
    const reply = (bytes: Buffer): void => void send(bytes).catch(() => undefined)
    void handler({
      query,
      reply,
      replyFromOtherPort: (bytes) => spoofer.send(bytes, rinfo.port, rinfo.address),
      writeRaw: reply,
      closeConnection: () => undefined
    })
  })
  const tcp = new dns2.TCPServer()
  // dns2's TCP parser drops malformed frames and cannot send raw replies; we frame TCP ourselves.
  tcp.removeAllListeners('connection')
  // dns2 makes its TCP server allowHalfOpen, so a connection the client ended stays open on this
  // side and tcp.close() would wait for it forever: keep them all, and destroy them on close.
  const connections = new Set<Socket>()
  tcp.on('connection', (client: Socket) => {
    connections.add(client)
    client.on('close', () => connections.delete(client))
    client.on('end', () => client.end())
    tcpConnection(client, handler, queries)
  })
  let port: number
  try {
    // dns2's listen() never settles when the bind fails (port taken); turn the error event into a rejection.
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject)
      void udp.listen(options.port ?? 0, host).then(() => {
        udp.off('error', reject)
        resolve()
      })
    })
    port = (udp.address() as AddressInfo).port
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject)
      tcp.listen(port, host, () => resolve())
    })
  } catch (error) {
    for (const socket of [udp, spoofer]) {
      try {
        socket.close()
      } catch {
        // never bound
      }
    }
    throw error
  }

  return {
    address: { host, port, family },
    spec: family === 6 ? `[${host}]:${port}` : `${host}:${port}`,
    queries,
    async close() {
      for (const client of connections) client.destroy()
      await Promise.all([
        new Promise<void>((r) => udp.close(() => r())),
        new Promise<void>((r) => tcp.close(() => r())),
        new Promise<void>((r) => spoofer.close(() => r()))
      ])
    }
  }
}

function tcpConnection(client: Socket, handler: FixtureHandler, queries: FixtureQuery[]): void {
  let pending = Buffer.alloc(0)
  client.on('error', () => undefined)
  client.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const body = pending.subarray(2, 2 + pending.readUInt16BE(0))
      pending = pending.subarray(2 + body.length)
      const query = readQuery(body, 'tcp', client.remotePort ?? 0)
      queries.push(query)
      void handler({
        query,
        reply: (bytes) => {
          const len = Buffer.alloc(2)
          len.writeUInt16BE(bytes.length)
          if (!client.destroyed) client.write(Buffer.concat([len, bytes]))
        },
        replyFromOtherPort: () => {
          throw new Error('replyFromOtherPort is UDP only')
        },
        writeRaw: (bytes) => {
          if (!client.destroyed) client.write(bytes)
        },
        closeConnection: () => void client.end()
      })
    }
  })
}

function readQuery(raw: Buffer, transport: 'udp' | 'tcp', sourcePort: number): FixtureQuery {
  // What dns-packet decodes a query to, as far as it is read here.
  const packet = dnsPacket.decode(raw) as {
    id: number
    flag_rd?: boolean
    flag_cd?: boolean
    questions?: { name: string; type: string }[]
    additionals?: { type: string; flag_do?: boolean }[]
  }
  const q = packet.questions?.[0] ?? { name: '', type: 'A' }
  const opt = (packet.additionals ?? []).find((a) => a.type === 'OPT')
  return {
    id: packet.id,
    name: q.name,
    type: q.type,
    raw,
    rd: Boolean(packet.flag_rd),
    cd: Boolean(packet.flag_cd),
    edns: Boolean(opt),
    dnssecOk: Boolean(opt && opt.flag_do),
    transport,
    sourcePort
  }
}

export interface AnswerSpec {
  id?: number
  rcode?: number
  aa?: boolean
  tc?: boolean
  ra?: boolean
  /** Question to echo; defaults to the query's. */
  question?: { name: string; type: string } | null
  /** Records in dns-packet's encoder form (`{ name, type, ttl, data }`, or an OPT with its options). */
  answers?: object[]
  authorities?: object[]
  additionals?: object[]
  /** Include an OPT record (mirrors EDNS when undefined). */
  edns?: boolean
  /** Extended DNS Error to attach (implies an OPT record). */
  ede?: { code: number; text: string }
}

/** Builds a response to `query` with dns-packet. */
export function buildReply(query: FixtureQuery, spec: AnswerSpec = {}): Buffer {
  let flags = 0x8000 // QR
  if (query.rd) flags |= 0x0100
  if (spec.aa) flags |= 0x0400
  if (spec.tc) flags |= 0x0200
  if (spec.ra ?? true) flags |= 0x0080
  flags |= (spec.rcode ?? 0) & 0xf
  const withOpt = spec.ede !== undefined || (spec.edns ?? query.edns)
  const additionals = [...(spec.additionals ?? [])]
  if (withOpt) {
    const options = spec.ede
      ? [{ code: 15, data: Buffer.concat([u16(spec.ede.code), Buffer.from(spec.ede.text)]) }]
      : []
    additionals.push({ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: 0, options })
  }
  const question = spec.question === null ? [] : [spec.question ?? { name: query.name, type: query.type }]
  return dnsPacket.encode({
    type: 'response',
    id: spec.id ?? query.id,
    flags,
    questions: question.map((q) => ({ name: q.name, type: q.type, class: 'IN' })),
    answers: spec.answers ?? [],
    authorities: spec.authorities ?? [],
    additionals
  })
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16BE(n)
  return b
}
