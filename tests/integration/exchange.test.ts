/**
 * exchange() against in-process dns2 servers on loopback with scripted misbehaviour. Assertions
 * are on what the server saw (how many queries, which bits, which ports) and on what the client
 * returned, never on how long anything took.
 */
import { createSocket } from 'node:dgram'
import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { exchange, tryExchange, type ExchangeOptions } from '../../src/main/dns/exchange'
import { ExchangeError } from '../../src/main/dns/errors'
import type { ExchangeFailureCode } from '../../src/shared/dns-types'
import { buildReply, startFixtureServer, type FixtureHandler, type FixtureQuery, type FixtureServer } from '../support/fixture-server'

const servers: FixtureServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function serve(handler: FixtureHandler, family: 4 | 6 = 4): Promise<FixtureServer> {
  const server = await startFixtureServer(handler, family)
  servers.push(server)
  return server
}

function address(query: FixtureQuery, ip: string): Buffer {
  return buildReply(query, { answers: [{ name: query.name, type: 'A', ttl: 60, data: ip }] })
}

/** Short tries for the cases that must fail, so they do not take long. */
// The generous deadline keeps the number of tries at retries + 1 even when a loaded machine runs
// timers late; otherwise the default deadline (timeout × tries) could cut the last try.
const QUICK: ExchangeOptions = { timeoutMs: 150, retries: 2, deadlineMs: 60_000 }
/**
 * Long tries for the cases that must succeed: a loaded machine can then never turn an answer
 * into a timeout. A bad reply and the good one are sent back to back, which loopback delivers in
 * order, so no test waits on a timer to get its sequence.
 */
const PATIENT: ExchangeOptions = { timeoutMs: 3000, retries: 2 }

async function failure(promise: Promise<unknown>, code: ExchangeFailureCode): Promise<ExchangeError> {
  try {
    await promise
  } catch (e) {
    expect(e).toBeInstanceOf(ExchangeError)
    expect((e as ExchangeError).code).toBe(code)
    return e as ExchangeError
  }
  throw new Error(`expected an ExchangeError "${code}", got a result`)
}

/** A loopback port nothing listens on: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const socket = createSocket('udp4')
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()))
  const port = socket.address().port
  await new Promise<void>((r) => socket.close(() => r()))
  return port
}

describe('exchange over UDP', () => {
  it('returns a normal answer with the query, server and sizes', async () => {
    const server = await serve((ctx) => ctx.reply(address(ctx.query, '192.0.2.1')))
    const result = await exchange({ name: 'Example.COM.', type: 'a' }, server.spec)
    expect(result.query).toEqual({ name: 'example.com', type: 'A', class: 'IN' })
    expect(result.server).toEqual(server.address)
    expect(result.transport).toBe('udp')
    expect(result.response.rcode).toBe('NOERROR')
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(result.ignoredReplies).toBe(0)
    expect(result.ednsFallback).toBe(false)
    expect(result.truncatedOverUdp).toBe(false)
    expect(result.queryBytes).toBe(server.queries[0]!.raw.length)
    expect(result.responseBytes).toBeGreaterThan(12)
    expect(server.queries).toHaveLength(1)
  })

  it('ignores a reply with the wrong id and accepts the right one after it', async () => {
    const server = await serve((ctx) => {
      ctx.reply(buildReply(ctx.query, { id: ctx.query.id ^ 0x5555, answers: [{ name: ctx.query.name, type: 'A', data: '6.6.6.6' }] }))
      ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(result.ignoredReplies).toBeGreaterThanOrEqual(1)
    expect(server.queries).toHaveLength(1)
  })

  it('never accepts a reply from another source port, and times out when that is all there is', async () => {
    const server = await serve((ctx) => ctx.replyFromOtherPort(address(ctx.query, '6.6.6.6')))
    const error = await failure(exchange({ name: 'example.com' }, server.spec, QUICK), 'timeout')
    expect(server.queries).toHaveLength(3)
    expect(error.message).toContain(`port ${server.address.port}`)
  })

  it('accepts the real reply that follows one from another source port', async () => {
    const server = await serve((ctx) => {
      ctx.replyFromOtherPort(address(ctx.query, '6.6.6.6'))
      ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(server.queries).toHaveLength(1)
  })

  it('ignores a reply whose question differs (name or type) and accepts the matching one', async () => {
    const server = await serve((ctx) => {
      ctx.reply(buildReply(ctx.query, { question: { name: 'other.example', type: 'A' }, answers: [{ name: 'other.example', type: 'A', data: '6.6.6.6' }] }))
      ctx.reply(buildReply(ctx.query, { question: { name: ctx.query.name, type: 'AAAA' } }))
      ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(result.ignoredReplies).toBe(2)
  })

  it('accepts a question echoed in different case (0x20 style)', async () => {
    const server = await serve((ctx) =>
      ctx.reply(buildReply(ctx.query, { question: { name: 'EXAMPLE.com', type: ctx.query.type }, answers: [] }))
    )
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.ignoredReplies).toBe(0)
  })

  it('counts only replies with the wrong id when nothing acceptable arrives', async () => {
    const server = await serve((ctx) => ctx.reply(buildReply(ctx.query, { id: ctx.query.id ^ 1 })))
    const error = await failure(exchange({ name: 'example.com' }, server.spec, { ...QUICK, timeoutMs: 300, retries: 1 }), 'timeout')
    expect(server.queries).toHaveLength(2)
    expect(error.ignoredReplies).toBe(2)
    expect(error.message).toContain('2 unacceptable replies were ignored')
  })

  it('times out after retries + 1 tries when the server is silent, each from a fresh port with a fresh id', async () => {
    const server = await serve(() => undefined)
    const error = await failure(exchange({ name: 'example.com' }, server.spec, { ...QUICK, timeoutMs: 100 }), 'timeout')
    expect(server.queries).toHaveLength(3)
    expect(error.ignoredReplies).toBe(0)
    expect(error.query).toEqual({ name: 'example.com', type: 'A', class: 'IN' })
    // A reused socket would show one port three times; ports and ids are random, so only demand
    // that they are not all the same.
    expect(new Set(server.queries.map((q) => q.sourcePort)).size).toBeGreaterThan(1)
    expect(new Set(server.queries.map((q) => q.id)).size).toBeGreaterThan(1)
  })

  it('stops retrying at the overall deadline', async () => {
    const server = await serve(() => undefined)
    await failure(exchange({ name: 'example.com' }, server.spec, { timeoutMs: 100, retries: 20, deadlineMs: 230 }), 'timeout')
    // Tries of 100, 100 and the 30 ms left (plus at most one sliver of a try at the edge): far
    // fewer than the 21 the retries alone would allow.
    expect(server.queries.length).toBeGreaterThanOrEqual(1)
    expect(server.queries.length).toBeLessThanOrEqual(4)
  })

  it('retries the same question when a try times out and the next one is answered', async () => {
    let seen = 0
    const server = await serve((ctx) => {
      if (++seen >= 2) ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, { ...QUICK, timeoutMs: 300 })
    expect(result.response.answers).toHaveLength(1)
    expect(server.queries).toHaveLength(2)
    expect(server.queries[1]!.name).toBe(server.queries[0]!.name)
  })

  it.each([
    [2, 'SERVFAIL'],
    [5, 'REFUSED'],
    [3, 'NXDOMAIN']
  ])('returns rcode %i (%s) as a result, not an error, without retrying', async (rcode, name) => {
    const server = await serve((ctx) => ctx.reply(buildReply(ctx.query, { rcode, ede: rcode === 2 ? { code: 6, text: 'bogus' } : undefined })))
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.rcode).toBe(name)
    expect(server.queries).toHaveLength(1)
    if (rcode === 2) expect(result.response.extendedErrors).toEqual([{ code: 6, name: 'DNSSEC Bogus', text: 'bogus' }])
  })

  it('asks again without EDNS when the server answers FORMERR without an OPT record', async () => {
    const server = await serve((ctx) => {
      if (ctx.query.edns) ctx.reply(buildReply(ctx.query, { rcode: 1, edns: false }))
      else ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.ednsFallback).toBe(true)
    expect(result.response.rcode).toBe('NOERROR')
    expect(result.response.edns).toBeNull()
    expect(server.queries.map((q) => q.edns)).toEqual([true, false])
  })

  it('asks again without EDNS after NOTIMP with no question and no OPT', async () => {
    const server = await serve((ctx) => {
      if (ctx.query.edns) ctx.reply(buildReply(ctx.query, { rcode: 4, edns: false, question: null }))
      else ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.ednsFallback).toBe(true)
    expect(server.queries.map((q) => q.edns)).toEqual([true, false])
  })

  it('keeps a FORMERR that carries an OPT record: the server understood EDNS', async () => {
    const server = await serve((ctx) => ctx.reply(buildReply(ctx.query, { rcode: 1, edns: true })))
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.rcode).toBe('FORMERR')
    expect(result.ednsFallback).toBe(false)
    expect(server.queries).toHaveLength(1)
  })

  it('sends RD, CD and DO exactly as chosen', async () => {
    const server = await serve((ctx) => ctx.reply(buildReply(ctx.query)))
    await exchange({ name: 'example.com' }, server.spec, { ...PATIENT, recursionDesired: false, checkingDisabled: true, dnssecOk: true })
    await exchange({ name: 'example.com' }, server.spec, PATIENT)
    await exchange({ name: 'example.com' }, server.spec, { ...PATIENT, edns: false })
    expect(server.queries.map(({ rd, cd, edns, dnssecOk }) => ({ rd, cd, edns, dnssecOk }))).toEqual([
      { rd: false, cd: true, edns: true, dnssecOk: true },
      { rd: true, cd: false, edns: true, dnssecOk: false },
      { rd: true, cd: false, edns: false, dnssecOk: false }
    ])
    const opt = server.queries[0]!.raw.subarray(-11)
    expect(opt.readUInt16BE(3)).toBe(1232) // the OPT record's CLASS is the UDP payload size
  })

  it('ignores malformed bytes carrying the right id and accepts the good reply after them', async () => {
    const server = await serve((ctx) => {
      const good = address(ctx.query, '192.0.2.1')
      ctx.reply(Buffer.concat([good.subarray(0, 12), Buffer.from([0x3f, 0xff, 0xff])])) // label running off the end
      ctx.reply(good.subarray(0, good.length - 2)) // last record cut, TC clear
      ctx.reply(good)
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(result.ignoredReplies).toBe(2)
  })

  it('ignores a query echoed back (QR clear) with the right id', async () => {
    const server = await serve((ctx) => {
      ctx.reply(ctx.query.raw)
      ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.answers).toHaveLength(1)
    expect(result.ignoredReplies).toBe(1)
  })

  it('fails fast with refused_connection when nothing listens on the port', async () => {
    const port = await closedPort()
    const error = await failure(exchange({ name: 'example.com' }, `127.0.0.1:${port}`, { timeoutMs: 5000, retries: 3 }), 'refused_connection')
    expect(error.message).toContain('connection refused')
    // Not a timeout: a refused try is not retried.
    expect(error.message).not.toContain('No answer')
  })

  // Linux refuses to connect a UDP socket to these (EINVAL: link-local without a zone; EACCES:
  // broadcast without SO_BROADCAST). The error used to arrive in the connect callback, which then
  // sent on the unconnected socket: a synchronous throw outside any handler, i.e. a crashed process.
  it.each(['[fe80::1]:53', '255.255.255.255'])('reports network, not a crash, when UDP cannot connect to %s', async (spec) => {
    const error = await failure(exchange({ name: 'example.com' }, spec, { timeoutMs: 5000, retries: 1 }), 'network')
    expect(error.message).toMatch(/^Could not send to /)
  })

  it.each([0, 70000])('reports network for a hand-built server address with port %i, over UDP and TCP', async (port) => {
    const server = { host: '127.0.0.1', port, family: 4 as const }
    await failure(exchange({ name: 'example.com' }, server, { timeoutMs: 200, retries: 0 }), 'network')
    if (port !== 0) await failure(exchange({ name: 'example.com' }, server, { timeoutMs: 200, retries: 0, tcp: true }), 'network')
  })

  it('stops with aborted when the signal fires mid-try', async () => {
    const server = await serve(() => undefined)
    const controller = new AbortController()
    const pending = exchange({ name: 'example.com' }, server.spec, { timeoutMs: 5000, retries: 3, signal: controller.signal })
    // Abort once the server has the query, so the abort lands while the client waits.
    await waitFor(() => server.queries.length === 1)
    controller.abort()
    await failure(pending, 'aborted')
    expect(server.queries).toHaveLength(1)
  })

  it('sends nothing when the signal has already fired', async () => {
    const server = await serve((ctx) => ctx.reply(buildReply(ctx.query)))
    await failure(exchange({ name: 'example.com' }, server.spec, { signal: AbortSignal.abort() }), 'aborted')
    expect(server.queries).toHaveLength(0)
  })

  it('tryExchange reports failures as ok:false and answers as ok:true', async () => {
    const silent = await serve(() => undefined)
    const outcome = await tryExchange({ name: 'example.com' }, silent.spec, { timeoutMs: 80, retries: 0 })
    expect(outcome).toMatchObject({ ok: false, code: 'timeout', ignoredReplies: 0 })
    const answering = await serve((ctx) => ctx.reply(buildReply(ctx.query)))
    expect((await tryExchange({ name: 'example.com' }, answering.spec)).ok).toBe(true)
  })

  it('answers from an IPv4-mapped IPv6 address of an IPv4 server', async () => {
    const server = await serve((ctx) => ctx.reply(address(ctx.query, '192.0.2.1')))
    const result = await exchange({ name: 'example.com' }, `[::ffff:127.0.0.1]:${server.address.port}`, PATIENT)
    expect(result.server.host).toBe('::ffff:7f00:1')
    expect(result.response.answers).toHaveLength(1)
    expect(result.ignoredReplies).toBe(0)
  })
})

describe('exchange falling back to TCP', () => {
  it('fetches the full answer over TCP when the UDP answer has TC set', async () => {
    const server = await serve((ctx) => {
      if (ctx.query.transport === 'udp') ctx.reply(buildReply(ctx.query, { tc: true }))
      else ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.transport).toBe('tcp')
    expect(result.truncatedOverUdp).toBe(true)
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp'])
  })

  it('goes to TCP when the UDP answer is cut in the middle of a record with TC set', async () => {
    const server = await serve((ctx) => {
      const full = buildReply(ctx.query, {
        answers: [{ name: ctx.query.name, type: 'TXT', data: ['x'.repeat(200), 'y'.repeat(200)] }]
      })
      if (ctx.query.transport === 'tcp') return ctx.reply(full)
      const cut = Buffer.from(full.subarray(0, 100)) // inside the TXT RDATA
      cut[2]! |= 0x02 // TC
      ctx.reply(cut)
    })
    const result = await exchange({ name: 'example.com', type: 'TXT' }, server.spec, PATIENT)
    expect(result.transport).toBe('tcp')
    expect(result.truncatedOverUdp).toBe(true)
    expect(result.response.answers[0]!.data).toMatchObject({ kind: 'txt', value: 'x'.repeat(200) + 'y'.repeat(200) })
    expect(server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp'])
  })

  it('ignores a cut message with TC set when it arrives over TCP', async () => {
    const server = await serve((ctx) => {
      const full = address(ctx.query, '192.0.2.1')
      const cut = Buffer.from(full.subarray(0, full.length - 2))
      cut[2]! |= 0x02
      ctx.reply(cut)
      ctx.reply(full)
    })
    const result = await exchange({ name: 'example.com' }, server.spec, { ...PATIENT, tcp: true })
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
    expect(result.ignoredReplies).toBe(1)
  })

  it('uses TCP from the start when asked, and skips a wrong id on the same connection', async () => {
    const server = await serve((ctx) => {
      ctx.reply(buildReply(ctx.query, { id: ctx.query.id ^ 0xffff }))
      ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, { ...PATIENT, tcp: true })
    expect(result.transport).toBe('tcp')
    expect(result.truncatedOverUdp).toBe(false)
    expect(result.ignoredReplies).toBe(1)
    expect(server.queries.map((q) => q.transport)).toEqual(['tcp'])
  })

  it('retries and then reports network when the TCP server closes without answering', async () => {
    const server = await serve((ctx) => ctx.closeConnection())
    const error = await failure(exchange({ name: 'example.com' }, server.spec, { ...QUICK, tcp: true }), 'network')
    expect(error.message).toContain('closed the TCP connection')
    expect(server.queries).toHaveLength(3)
  })

  it('reports network when the TCP length prefix promises more than the server sends before closing', async () => {
    const server = await serve((ctx) => {
      const reply = address(ctx.query, '192.0.2.1')
      const framed = Buffer.concat([Buffer.from([0x01, 0x00]), reply]) // says 256 bytes, has fewer
      ctx.writeRaw(framed)
      ctx.closeConnection()
    })
    await failure(exchange({ name: 'example.com' }, server.spec, { ...QUICK, tcp: true, retries: 0 }), 'network')
    expect(server.queries).toHaveLength(1)
  })

  it('times out when the TCP length prefix promises more and the connection stays open', async () => {
    const server = await serve((ctx) => ctx.writeRaw(Buffer.from([0xff, 0xff, 0xab, 0xcd])))
    await failure(exchange({ name: 'example.com' }, server.spec, { timeoutMs: 100, retries: 1, tcp: true }), 'timeout')
    expect(server.queries).toHaveLength(2)
  })

  it('skips a zero-length TCP frame and reads the reply after it', async () => {
    const server = await serve((ctx) => {
      ctx.writeRaw(Buffer.from([0, 0]))
      ctx.reply(address(ctx.query, '192.0.2.1'))
    })
    const result = await exchange({ name: 'example.com' }, server.spec, { ...PATIENT, tcp: true })
    expect(result.response.answers).toHaveLength(1)
    expect(result.ignoredReplies).toBe(1)
  })

  it('fails fast with refused_connection when nothing listens on the TCP port', async () => {
    const port = await freeTcpPort()
    const error = await failure(exchange({ name: 'example.com' }, `127.0.0.1:${port}`, { timeoutMs: 5000, tcp: true }), 'refused_connection')
    expect(error.message).toContain('TCP port')
  })
})

describe('exchange over IPv6', () => {
  it('answers over UDP and TCP from [::1]', async () => {
    const server = await serve((ctx) => {
      if (ctx.query.transport === 'udp') ctx.reply(buildReply(ctx.query, { tc: true }))
      else ctx.reply(buildReply(ctx.query, { answers: [{ name: ctx.query.name, type: 'AAAA', data: '2001:db8::1' }] }))
    }, 6)
    const result = await exchange({ name: 'example.com', type: 'AAAA' }, server.spec, PATIENT)
    expect(result.server).toEqual({ host: '::1', port: server.address.port, family: 6 })
    expect(result.transport).toBe('tcp')
    expect(result.response.answers.map((a) => a.text)).toEqual(['2001:db8::1'])
    expect(server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp'])
  })

  it('ignores a reply from another source port over IPv6', async () => {
    const server = await serve((ctx) => {
      ctx.replyFromOtherPort(address(ctx.query, '6.6.6.6'))
      ctx.reply(address(ctx.query, '192.0.2.1'))
    }, 6)
    const result = await exchange({ name: 'example.com' }, server.spec, PATIENT)
    expect(result.response.answers.map((a) => a.text)).toEqual(['192.0.2.1'])
  })
})

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5))
}

async function freeTcpPort(): Promise<number> {
  const server: Server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}
