/**
 * Our DNS client against Node's c-ares resolver on the same local NSD, in the same run:
 * sequential latency (median, p95) and throughput at concurrency 50. Targets from the engine
 * issue: latency ≤ 1.1× and throughput ≥ 0.9× c-ares.
 *
 * Where the two differ at the socket level (strace, 1000 queries): asked one at a time,
 * c-ares too opens, connects and closes a UDP socket per query (it closes a socket once no query
 * is pending on it). With 50 in flight it reuses its sockets (about 40 opened for 2000 queries),
 * while we still open a fresh one per try (socket, bind, connect, two epoll_ctl, close: about
 * 15 µs a query here), which is a deliberate cost: a fresh source port for every query.
 */
import { Resolver } from 'node:dns/promises'
import { performance } from 'node:perf_hooks'
import { exchange } from '../src/main/dns/exchange'
import { startLocalNsd } from './local-nsd'

const SEQUENTIAL = 2000
/**
 * Queries each client runs before anything is measured. c-ares does its work in C; ours is
 * JavaScript that V8 optimises only after it has run a while: at 200 queries our median was still
 * 2–3× its steady value, and it settles after about 3000. The first COLD queries of each are kept
 * and reported apart, so the cost of that warm-up stays visible.
 */
const WARMUP = 3000
const COLD = 200
const BLOCK = 250
const THROUGHPUT_QUERIES = 1000
const CONCURRENCY = 50
/** Throughput runs per client, alternating; the best of each is kept, as load only slows runs down. */
const THROUGHPUT_RUNS = 5

export interface ClientFigures {
  medianMs: number
  p95Ms: number
  /** Median of the first COLD queries of the process, before V8 has optimised anything. */
  coldMedianMs: number
  qps: number
}

export interface ClientBenchResult {
  ours: ClientFigures
  cares: ClientFigures
}

export async function benchClientVsCares(): Promise<ClientBenchResult> {
  const server = await startLocalNsd('* TXT "bench-value"')
  try {
    const spec = `${server.host}:${server.port}`
    const cares = new Resolver({ timeout: 2000, tries: 1 })
    cares.setServers([spec])
    let counter = 0
    // A fresh name per query, so c-ares' query cache (1.23+) never answers for the server.
    const nextName = (): string => `q${counter++}.bench.test`
    const ours = async (): Promise<void> => {
      const r = await exchange({ name: nextName(), type: 'TXT' }, spec, { retries: 0 })
      if (r.response.answers.length !== 1) throw new Error('unexpected answer')
    }
    const theirs = async (): Promise<void> => {
      const r = await cares.resolveTxt(nextName())
      if (r.length !== 1) throw new Error('unexpected answer')
    }
    const oursCold: number[] = []
    const caresCold: number[] = []
    for (let i = 0; i < WARMUP; i++) {
      const oursMs = await time(ours)
      const caresMs = await time(theirs)
      if (i < COLD) {
        oursCold.push(oursMs)
        caresCold.push(caresMs)
      }
    }
    // Alternate blocks of the two so drift in machine load hits both alike, while each client
    // still runs warm (one query right after another, as a real sequential user would).
    const oursTimes: number[] = []
    const caresTimes: number[] = []
    for (let block = 0; block < SEQUENTIAL / BLOCK; block++) {
      for (let i = 0; i < BLOCK; i++) oursTimes.push(await time(ours))
      for (let i = 0; i < BLOCK; i++) caresTimes.push(await time(theirs))
    }
    const oursQps: number[] = []
    const caresQps: number[] = []
    for (let run = 0; run < THROUGHPUT_RUNS; run++) {
      oursQps.push(await throughput(ours))
      caresQps.push(await throughput(theirs))
    }
    const figures = (times: number[], cold: number[], qps: number[]): ClientFigures => ({
      medianMs: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      coldMedianMs: quantile(cold, 0.5),
      qps: Math.max(...qps)
    })
    return { ours: figures(oursTimes, oursCold, oursQps), cares: figures(caresTimes, caresCold, caresQps) }
  } finally {
    server.stop()
  }
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

async function throughput(fn: () => Promise<void>): Promise<number> {
  let issued = 0
  const t = performance.now()
  const worker = async (): Promise<void> => {
    while (issued < THROUGHPUT_QUERIES) {
      issued++
      await fn()
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return THROUGHPUT_QUERIES / ((performance.now() - t) / 1000)
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
