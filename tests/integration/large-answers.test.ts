// 65 KB TCP answers whose ~4,000 owner names are chained compression pointers (issue 10, item 4): decoded fully and
// correctly over the wire, in a number of pointer steps linear in the message; diagnoses against such servers
// finish, and the bridge answers other calls while they run. Counted, never timed (the figures are in the bench).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import dnsPacket from 'dns-packet'
import { decodeMessage } from '../../src/main/dns/codec'
import { exchange } from '../../src/main/dns/exchange'
import { MAX_POINTERS_PER_NAME } from '../../src/main/dns/wire-names'
import { runDiagnosis } from '../../src/main/diagnosis/run-diagnosis'
import { defaultEngine } from '../../src/main/services/default-engine'
import { chainedPointerAnswer, startLargeAnswers, type HostileHierarchy } from '../support/hostile-servers'
import { api, startFixture, type BridgeFixture } from '../support/bridge'

let lab: HostileHierarchy & { resolver: string }

beforeAll(async () => {
  lab = await startLargeAnswers()
})

afterAll(async () => {
  await lab.close()
})

describe('a 65 KB answer of chained pointers', () => {
  it('is fetched over TCP after a truncated UDP answer and decoded record for record as dns-packet reads it', async () => {
    const result = await exchange({ name: '_dnsauth.big.test', type: 'TXT' }, lab.servers.ns1!.address, { recursionDesired: false, timeoutMs: 5000 })
    expect(result.truncatedOverUdp).toBe(true)
    expect(result.transport).toBe('tcp')
    expect(result.responseBytes).toBeGreaterThan(60_000)
    const reference = dnsPacket.decode(chainedPointerAnswer({ id: 0, name: '_dnsauth.big.test', type: 'TXT', rd: false })) as { answers: { name: string; data: string }[] }
    expect(result.response.answers).toHaveLength(reference.answers.length)
    expect(result.response.answers.map((r) => `${r.name} ${r.text}`)).toEqual(reference.answers.map((r) => `${r.name} ${r.data}`))
  })

  it('holds chains far longer than one name may follow: only remembered names make it decodable at all', () => {
    const buf = chainedPointerAnswer({ id: 0, name: '_dnsauth.big.test', type: 'TXT', rd: false })
    // The last owners sit at the end of a chain of ~1,000 pointers, beyond the per-name bound: a walk that did not
    // reuse where pointers landed would refuse the message; this one reads it.
    expect(Math.floor((0x3fff - 40) / 16)).toBeGreaterThan(MAX_POINTERS_PER_NAME)
    expect(decodeMessage(buf).answers.length).toBeGreaterThan(4000)
  })

  it('a diagnosis against servers sending them finishes with the right finding', async () => {
    const report = await runDiagnosis({ domains: ['www.big.test'], host: '_dnsauth', type: 'TXT', value: 'token', roots: [lab.root], authPort: lab.port, resolvers: [lab.resolver], timeoutMs: 5000 })
    expect(report.findings.map((f) => f.id)).toContain('record.missing')
    expect(report.authoritative.map((a) => a.status)).toEqual(['nodata', 'nodata'])
  })
})

describe('the bridge while diagnoses against them run', () => {
  let f: BridgeFixture
  beforeAll(async () => {
    f = await startFixture({ engine: defaultEngine })
    const settings = (await api(f, 'settings:get', null)).json as { value: Record<string, unknown> }
    await api(f, 'settings:set', { ...settings.value, roots: [lab.root], authPort: lab.port, presets: [], includeSystemResolvers: false, customResolvers: [lab.resolver], timeoutMs: 5000 })
  })
  afterAll(async () => {
    await f.close()
  })

  it('answers settings:get while 12 diagnoses are running or queued, and every diagnosis finishes', async () => {
    const input = { domains: ['www.big.test'], host: '_dnsauth', type: 'TXT', value: 'token' }
    let finished = 0
    const runs = Array.from({ length: 12 }, () => api(f, 'diagnosis:run', input).then((res) => (finished++, res)))
    const during = await api(f, 'settings:get', null)
    expect(during.status).toBe(200)
    expect(finished).toBeLessThan(12) // it was answered while diagnoses were still going
    const results = await Promise.all(runs)
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200))
  }, 120_000)
})
