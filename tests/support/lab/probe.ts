// A minimal SOA query over UDP, written by hand so the harness depends on nothing it helps to test
// (neither src/main/dns nor a codec library). Used to learn when a server answers and which serial it serves.

import { createSocket } from 'node:dgram'
import { randomInt } from 'node:crypto'
import { canonicalName } from './names'

const TYPE_SOA = 6
const CLASS_IN = 1
const HEADER_BYTES = 12

export interface SoaProbeResult {
  rcode: number
  /** Serial of the first SOA in the answer section, when there is one. */
  serial?: number
}

/**
 * One SOA query with RD=0 (so a resolver answers from cache and never recurses). Undefined when no
 * answer comes: a timeout, or at once when nothing listens (the socket is connected, so the kernel
 * reports ICMP port unreachable as ECONNREFUSED instead of letting us wait).
 */
export function probeSoa(address: string, zone: string, timeoutMs = 300): Promise<SoaProbeResult | undefined> {
  const id = randomInt(0, 0x10000)
  const query = encodeSoaQuery(id, zone)
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    let done = false
    const finish = (result: SoaProbeResult | undefined) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.close()
      resolve(result)
    }
    const timer = setTimeout(() => finish(undefined), timeoutMs)
    socket.on('error', () => finish(undefined))
    socket.on('message', (message) => {
      if (message.length < HEADER_BYTES || message.readUInt16BE(0) !== id) return
      finish(decodeSoaResponse(message))
    })
    socket.connect(53, address, () => socket.send(query))
  })
}

export interface WaitOptions {
  timeoutMs: number
  /** Stop early (e.g. the process died); the returned reason goes into the error. */
  givesUp?: () => string | undefined
  accepts?: (result: SoaProbeResult) => boolean
}

/** Polls until the server answers (and `accepts` the answer). Throws with what went wrong. */
export async function waitForSoa(address: string, zone: string, options: WaitOptions): Promise<SoaProbeResult> {
  const deadline = Date.now() + options.timeoutMs
  let last: SoaProbeResult | undefined
  while (Date.now() < deadline) {
    const reason = options.givesUp?.()
    if (reason !== undefined) throw new Error(reason)
    const result = await probeSoa(address, zone, 250)
    if (result && (options.accepts?.(result) ?? true)) return result
    last = result ?? last
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const seen = last ? `it last answered rcode ${last.rcode}, serial ${last.serial ?? 'none'}` : 'no answer at all'
  throw new Error(`${address} did not give the expected SOA for '${zone}' within ${options.timeoutMs} ms (${seen}).`)
}

export function encodeSoaQuery(id: number, zone: string): Buffer {
  const header = Buffer.alloc(HEADER_BYTES)
  header.writeUInt16BE(id, 0)
  header.writeUInt16BE(0, 2) // flags: standard query, RD=0
  header.writeUInt16BE(1, 4) // QDCOUNT
  const name = canonicalName(zone)
  const labels = name === '.' ? [] : name.split('.')
  const encodedName = Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([Buffer.byteLength(label)]), Buffer.from(label)])),
    Buffer.from([0])
  ])
  const question = Buffer.alloc(4)
  question.writeUInt16BE(TYPE_SOA, 0)
  question.writeUInt16BE(CLASS_IN, 2)
  return Buffer.concat([header, encodedName, question])
}

export function decodeSoaResponse(message: Buffer): SoaProbeResult {
  const rcode = message.readUInt16BE(2) & 0x0f
  try {
    const questions = message.readUInt16BE(4)
    const answers = message.readUInt16BE(6)
    let at = HEADER_BYTES
    for (let i = 0; i < questions; i++) at = skipName(message, at) + 4
    for (let i = 0; i < answers; i++) {
      at = skipName(message, at)
      const type = message.readUInt16BE(at)
      const rdataLength = message.readUInt16BE(at + 8)
      const rdataStart = at + 10
      if (type === TYPE_SOA) {
        const serialAt = skipName(message, skipName(message, rdataStart))
        return { rcode, serial: message.readUInt32BE(serialAt) }
      }
      at = rdataStart + rdataLength
    }
  } catch {
    // A truncated or odd packet still proves the server is up; the serial is just unknown.
  }
  return { rcode }
}

/** Offset just past the (possibly compressed) name starting at `at`. */
function skipName(message: Buffer, at: number): number {
  for (;;) {
    const length = message.readUInt8(at)
    if (length === 0) return at + 1
    if ((length & 0xc0) === 0xc0) return at + 2
    at += length + 1
  }
}
