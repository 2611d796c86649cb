import { it } from 'vitest'
import fc from 'fast-check'
import { decodeMessage } from '../../src/main/dns/codec'
import { DnsDecodeError } from '../../src/main/dns/errors'
import { validResponses } from '../support/dns-corpus'
import { mutate, mutationArb } from '../support/mutate'
const corpus = validResponses()
const run = (buf: Buffer) => { try { const r = decodeMessage(buf); JSON.stringify(r) } catch (e) { if (!(e instanceof DnsDecodeError)) throw e } }
it('hunt', () => {
  const top: [number, Buffer][] = []
  const arb = fc.tuple(fc.nat(corpus.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 8 })).map(([i, m]) => mutate(corpus[i]!.bytes, m))
  fc.assert(fc.property(arb, (buf) => {
    const t = performance.now(); run(buf); const d = performance.now() - t
    if (d > 3) top.push([d, buf])
    return true
  }), { seed: Number(process.env.S ?? 1), numRuns: 300_000 })
  top.sort((a, b) => b[0] - a[0])
  for (const [d, b] of top.slice(0, 5)) {
    const t = performance.now(); for (let i = 0; i < 20; i++) run(b); console.log('first', d.toFixed(1), 'rerun avg', ((performance.now() - t) / 20).toFixed(3), b.length)
  }
}, 600_000)
