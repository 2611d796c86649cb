import { randomFillSync } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { DnsQuestion, ExchangeOutcome, ExchangeResult, ServerAddress, TransportName } from '../../shared/dns-types'
import { decodeHeaderAndQuestion, decodeMessage, encodeQuery, isResponse, isTruncated, peekId, typeCode, typeName } from './codec'
import { DnsError, ExchangeError, InvalidQuestionError } from './errors'
import { normalizeName, sameName } from '../../shared/names'
import { parseServerAddress } from '../../shared/server-address'
import { tcpTry, TryFailure, udpTry, type ReplyFilter, type TryReply } from './transport'

export interface ExchangeOptions {
  /** Time to wait for one try, in ms. */
  timeoutMs?: number
  /** Extra tries after a timeout (so 2 means up to three tries). */
  retries?: number
  /** Hard limit for the whole exchange, in ms, across retries and the TCP fallback. */
  deadlineMs?: number
  /** RD bit: ask a resolver to recurse. Off for queries to authoritative servers. */
  recursionDesired?: boolean
  /** CD bit: ask a validating resolver to skip DNSSEC validation. */
  checkingDisabled?: boolean
  /** DO bit in EDNS: ask for DNSSEC records. */
  dnssecOk?: boolean
  /** Send an EDNS0 OPT record (default true). Servers that reject it are retried without. */
  edns?: boolean
  /** EDNS UDP payload size; 1232 avoids IP fragmentation (DNS Flag Day 2020). */
  udpPayloadSize?: number
  /** Use TCP from the start. */
  tcp?: boolean
  signal?: AbortSignal
}

export interface QuestionInput {
  name: string
  type?: string
  class?: string
}

const DEFAULTS = {
  timeoutMs: 2000,
  retries: 2,
  recursionDesired: true,
  checkingDisabled: false,
  dnssecOk: false,
  edns: true,
  udpPayloadSize: 1232,
  tcp: false
}

/** Validated question in wire form; throws InvalidNameError / InvalidQuestionError naming the problem. */
export function toQuestion(input: QuestionInput): DnsQuestion {
  const name = normalizeName(input.name)
  const type = input.type ?? 'A'
  let canonicalType = canonicalTypes.get(type)
  if (canonicalType === undefined) {
    const code = typeCode(type.trim())
    if (code === undefined) throw new InvalidQuestionError('query.unknownType', { type: String(input.type) })
    canonicalType = typeName(code)
    if (canonicalTypes.size < 256) canonicalTypes.set(type, canonicalType)
  }
  const klass = input.class === undefined || input.class === 'IN' ? 'IN' : input.class.toUpperCase()
  if (klass !== 'IN' && klass !== 'CH') throw new InvalidQuestionError('query.unknownClass', { class: String(input.class) })
  return { name, type: canonicalType, class: klass }
}

/** Type names as given (`txt`, `TXT`, `type16`) → canonical name; callers use only a few. */
const canonicalTypes = new Map<string, string>()

/**
 * Sends one question to one server and returns its answer, like nslookup or dig would get it:
 * UDP first with EDNS0, TCP when the answer is truncated, a plain query when the server rejects
 * EDNS. A reply is accepted only if its id, question and source match; everything else (spoofed,
 * stray or malformed datagrams) is counted and ignored. Throws ExchangeError when no acceptable
 * answer arrives before the deadline.
 */
export async function exchange(
  questionInput: QuestionInput,
  serverInput: ServerAddress | string,
  options: ExchangeOptions = {}
): Promise<ExchangeResult> {
  const question = toQuestion(questionInput)
  const server = typeof serverInput === 'string' ? serverFromSpec(serverInput) : serverInput
  const opts = withDefaults(options)
  const started = performance.now()
  const deadline = started + (opts.deadlineMs ?? opts.timeoutMs * (opts.retries + 1))
  let transport: TransportName = opts.tcp ? 'tcp' : 'udp'
  let useEdns = opts.edns
  let ednsFallback = false
  let truncatedOverUdp = false
  let ignored = 0
  let failedTries = 0
  let lastFailure: TryFailure | null = null

  while (failedTries <= opts.retries) {
    const remaining = deadline - performance.now()
    if (remaining <= 0) break
    const id = randomId()
    const message = encodeQuery(question, {
      id,
      recursionDesired: opts.recursionDesired,
      checkingDisabled: opts.checkingDisabled,
      edns: useEdns ? { udpPayloadSize: opts.udpPayloadSize, dnssecOk: opts.dnssecOk } : null
    })
    const filter = replyFilter(id, question, transport === 'udp')
    const tryOptions = { timeoutMs: Math.max(1, Math.min(opts.timeoutMs, remaining)), signal: opts.signal }
    let reply: TryReply
    try {
      reply = await (transport === 'udp' ? udpTry : tcpTry)(message, server, filter, tryOptions)
    } catch (e) {
      if (!(e instanceof TryFailure)) throw e
      ignored += e.ignored
      lastFailure = e
      if (e.code === 'aborted' || e.code === 'refused_connection') break
      failedTries++
      continue
    }
    ignored += reply.ignored
    const response = reply.response
    if (transport === 'udp' && response.flags.tc) {
      // RFC 7766: a truncated UDP answer is only a hint; the full one must be fetched over TCP.
      transport = 'tcp'
      truncatedOverUdp = true
      continue
    }
    if (useEdns && response.edns === null && (response.rcode === 'FORMERR' || response.rcode === 'NOTIMP')) {
      // RFC 6891 6.2.2: a server without EDNS answers FORMERR/NOTIMP without an OPT; ask again plainly.
      useEdns = false
      ednsFallback = true
      continue
    }
    return {
      server,
      query: question,
      transport,
      response,
      elapsedMs: round(performance.now() - started),
      queryBytes: message.length,
      responseBytes: reply.bytes,
      ignoredReplies: ignored,
      ednsFallback,
      truncatedOverUdp,
      receivedAt: Date.now()
    }
  }
  const elapsed = round(performance.now() - started)
  const code = lastFailure?.code ?? 'timeout'
  const message =
    code === 'timeout'
      ? `No answer from ${server.host} port ${server.port} (${transport.toUpperCase()}) within ${elapsed} ms` +
        (ignored > 0 ? `; ${ignored} unacceptable repl${ignored === 1 ? 'y was' : 'ies were'} ignored.` : '.')
      : lastFailure!.message
  throw new ExchangeError(code, message, server, question, elapsed, ignored)
}

/**
 * Sends one question to one server and never throws for a network outcome: tryExchange, or a wrapper
 * around it. Code that sends queries takes one so a caller can count or log every query of a run.
 */
export type Exchanger = (question: QuestionInput, server: ServerAddress, options: ExchangeOptions) => Promise<ExchangeOutcome>

/** Same as exchange() but never throws for a network outcome: the caller gets ok:false with the reason. */
export async function tryExchange(
  questionInput: QuestionInput,
  serverInput: ServerAddress | string,
  options: ExchangeOptions = {}
): Promise<ExchangeOutcome> {
  try {
    return { ok: true, ...(await exchange(questionInput, serverInput, options)) }
  } catch (e) {
    if (e instanceof ExchangeError) {
      return {
        ok: false,
        code: e.code,
        message: e.message,
        server: e.server,
        query: e.query,
        elapsedMs: e.elapsedMs,
        ignoredReplies: e.ignoredReplies
      }
    }
    throw e
  }
}

function replyFilter(id: number, question: DnsQuestion, overUdp: boolean): ReplyFilter {
  return (buf) => {
    if (peekId(buf) !== id) return { ignored: 'id' }
    if (!isResponse(buf)) return { ignored: 'not a response' }
    let response
    try {
      response = decodeMessage(buf)
    } catch (e) {
      if (!(e instanceof DnsError)) throw e
      // A server (or a middlebox) may cut a UDP answer anywhere and set TC (RFC 2181 9): the records
      // are then incomplete by design. Header and question are enough to move on to TCP.
      if (!overUdp || !isTruncated(buf)) return { ignored: 'malformed' }
      try {
        response = decodeHeaderAndQuestion(buf)
      } catch (e2) {
        if (e2 instanceof DnsError) return { ignored: 'malformed' }
        throw e2
      }
    }
    const q = response.question
    if (q.length === 0) {
      // Servers that do not understand a query often answer FORMERR/NOTIMP with no question section.
      return response.rcode === 'FORMERR' || response.rcode === 'NOTIMP' ? { response } : { ignored: 'no question' }
    }
    if (q.length !== 1 || !sameName(q[0]!.name, question.name) || q[0]!.type !== question.type || q[0]!.class !== question.class) {
      return { ignored: 'question' }
    }
    return { response }
  }
}

// Ids come from the CSPRNG in batches: one syscall per 1024 queries instead of one per query.
const idPool = new Uint16Array(1024)
let idNext = idPool.length

function randomId(): number {
  if (idNext === idPool.length) {
    randomFillSync(idPool)
    idNext = 0
  }
  return idPool[idNext++]!
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100
}

/** The last server given as text, parsed: callers tend to ask the same server many times. */
let lastSpec: { text: string; server: ServerAddress } | null = null

function serverFromSpec(text: string): ServerAddress {
  if (lastSpec === null || lastSpec.text !== text) lastSpec = { text, server: parseServerAddress(text) }
  return { ...lastSpec.server } // each result gets its own object
}

/** The options with DEFAULTS for every one left out (undefined), as spreading the defined ones would. */
function withDefaults(o: ExchangeOptions): typeof DEFAULTS & ExchangeOptions {
  return {
    timeoutMs: o.timeoutMs !== undefined ? o.timeoutMs : DEFAULTS.timeoutMs,
    retries: o.retries !== undefined ? o.retries : DEFAULTS.retries,
    deadlineMs: o.deadlineMs,
    recursionDesired: o.recursionDesired !== undefined ? o.recursionDesired : DEFAULTS.recursionDesired,
    checkingDisabled: o.checkingDisabled !== undefined ? o.checkingDisabled : DEFAULTS.checkingDisabled,
    dnssecOk: o.dnssecOk !== undefined ? o.dnssecOk : DEFAULTS.dnssecOk,
    edns: o.edns !== undefined ? o.edns : DEFAULTS.edns,
    udpPayloadSize: o.udpPayloadSize !== undefined ? o.udpPayloadSize : DEFAULTS.udpPayloadSize,
    tcp: o.tcp !== undefined ? o.tcp : DEFAULTS.tcp,
    signal: o.signal
  }
}

