// A hostile delegation (issue 10, item 2): the TLD refers hostile.test to 200 glueless name servers in sink.test,
// whose only server never answers. The silent server is asked a bounded number of times (it is remembered as dead
// for the run), every output stays short, and the time limit of a lookup and of a check stops the work with a
// report or a result that says so. Counted in queries and bytes, never timed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/main/cli/index'
import { formatReport } from '../../src/main/diagnosis/format-report'
import { runDiagnosis } from '../../src/main/diagnosis/run-diagnosis'
import { formatTrace } from '../../src/main/dns/format-trace'
import { createIterativeResolver } from '../../src/main/dns/iterative'
import { TIMEOUTS_BEFORE_SKIPPING } from '../../src/main/dns/unresponsive-servers'
import { defaultEngine } from '../../src/main/services/default-engine'
import { HOSTILE_ADDRESSES, startHostileDelegation, type HostileHierarchy } from '../support/hostile-servers'
import { api, startFixture, type BridgeFixture } from '../support/bridge'

let lab: HostileHierarchy & { nameserverNames: string[] }
const TIMEOUT_MS = 200
const RETRIES = 1

beforeAll(async () => {
  lab = await startHostileDelegation(200)
})

afterAll(async () => {
  await lab.close()
})

const sinkQueries = (): number => lab.servers.sink!.queries.length
const sinkSpec = (): string => `${HOSTILE_ADDRESSES.sink}:${lab.port}`

describe('trace through the hostile delegation', () => {
  it('asks the silent server a bounded number of times, and says so in one short message', async () => {
    const before = sinkQueries()
    const resolver = createIterativeResolver({ rootServers: [lab.root], authPort: lab.port, timeoutMs: TIMEOUT_MS, retries: RETRIES })
    const result = await resolver.resolve('_dnsauth.hostile.test', 'TXT')
    // Two questions time out (each tried twice); after that the server is not asked again in this run.
    expect(sinkQueries() - before).toBe(TIMEOUTS_BEFORE_SKIPPING * (RETRIES + 1))
    expect(result.status).toBe('failed')
    if (result.status !== 'failed') return
    expect(result.failure.message).toMatch(/^None of the 200 name servers of the zone hostile\.test could be used; first: ns0\.sink\.test has no address/)
    expect(result.failure.message).toContain('and 198 more.')
    expect(result.failure.message.length).toBeLessThan(600)
    expect(result.failure.problems.length).toBeLessThanOrEqual(20)
    const text = formatTrace(result)
    expect(text.length).toBeLessThan(4000)
    expect(text).toContain(';; …and 180 more records in this referral')
  })

  it('the CLI stops at --deadline with exit 1 and the reason, even when one try alone would take longer', async () => {
    const out = await runCli(['trace', '_dnsauth.hostile.test', 'TXT', '--root', lab.root, '--auth-port', String(lab.port), '--timeout', '20000', '--deadline', '1000'])
    expect(out.exitCode).toBe(1)
    expect(out.stdout).toContain(';; Resolution failed: Gave up after 1 s, the time limit for one lookup')
    const json = JSON.parse((await runCli(['trace', '_dnsauth.hostile.test', 'TXT', '--root', lab.root, '--auth-port', String(lab.port), '--timeout', '20000', '--deadline', '1000', '--json'])).stdout)
    expect(json.failure.code).toBe('deadline')
  })

  it('refuses a --deadline out of range (exit 2)', async () => {
    const out = await runCli(['trace', 'example.test', '--root', lab.root, '--deadline', '5'])
    expect(out.exitCode).toBe(2)
    expect(out.stderr).toContain('--deadline must be between 1000 and 600000')
  })
})

describe('diagnosis of a name under the hostile delegation', () => {
  const input = { domains: ['www.hostile.test'], host: '_dnsauth', type: 'TXT' as const, value: 'token', roots: [] as string[], timeoutMs: TIMEOUT_MS }

  it('finishes with a short report, the silent server (also the resolver) asked a bounded number of times', async () => {
    const before = sinkQueries()
    const report = await runDiagnosis({ ...input, roots: [lab.root], authPort: lab.port, resolvers: [sinkSpec()] })
    // Per distinct question at most 2 tries until two of them have timed out; questions start in parallel, so a
    // few more may be on their way when the server is written off. Without the memory: hundreds.
    expect(sinkQueries() - before).toBeLessThanOrEqual(20)
    expect(report.verdict).toBe('action_needed')
    expect(report.findings.map((f) => f.id)).toContain('delegation.unreachable')
    expect(report.findings.map((f) => f.id)).not.toContain('check.deadline')
    expect(JSON.stringify(report.findings).length).toBeLessThan(4000)
    expect(formatReport(report).length).toBeLessThan(6000)
  })

  it('at its time limit returns what it saw, with check.deadline, and never hangs', async () => {
    const report = await runDiagnosis({ ...input, roots: [lab.root], authPort: lab.port, resolvers: [sinkSpec()], timeoutMs: 20_000, deadlineMs: 1000 })
    const deadline = report.findings.find((f) => f.id === 'check.deadline')
    expect(deadline?.params).toEqual({ seconds: 1 })
    expect(report.zones[0]!.found).toBe(false)
    expect(report.resolvers[0]!.status).toBe('timeout')
    expect(formatReport(report)).toContain('The check stopped at its time limit')
  })

  it('diagnose --deadline on the command line', async () => {
    const out = await runCli(['diagnose', '--domain', 'www.hostile.test', '--host', '_dnsauth', '--type', 'TXT', '--value', 'token', '--root', lab.root, '--auth-port', String(lab.port), '--resolver', sinkSpec(), '--timeout', '20000', '--deadline', '1000', '--json'])
    expect(out.exitCode).toBe(1)
    expect(JSON.parse(out.stdout).findings.map((f: { id: string }) => f.id)).toContain('check.deadline')
    const bad = await runCli(['diagnose', '--domain', 'example.test', '--host', '_dnsauth', '--type', 'TXT', '--value', 'v', '--deadline', '700000'])
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('--deadline')
  })
})

describe('through the bridge', () => {
  let f: BridgeFixture
  beforeAll(async () => {
    f = await startFixture({ engine: defaultEngine })
    const settings = (await api(f, 'settings:get', null)).json as { value: Record<string, unknown> }
    await api(f, 'settings:set', { ...settings.value, roots: [lab.root], authPort: lab.port, presets: [], includeSystemResolvers: false, customResolvers: [sinkSpec()] })
  })
  afterAll(async () => {
    await f.close()
  })

  it('diagnosis:run with deadlineMs answers 200 with the report and check.deadline', async () => {
    const res = await api(f, 'diagnosis:run', { domains: ['www.hostile.test'], host: '_dnsauth', type: 'TXT', value: 'token', timeoutMs: 20_000, deadlineMs: 1000 })
    expect(res.status).toBe(200)
    const body = res.json as { ok: true; value: { findings: { id: string }[] } }
    expect(body.value.findings.map((x) => x.id)).toContain('check.deadline')
  })

  it('refuses deadlineMs out of range with 400 naming the field', async () => {
    const res = await api(f, 'diagnosis:run', { domains: ['www.hostile.test'], host: '_dnsauth', type: 'TXT', value: 'token', deadlineMs: 10 })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'deadlineMs' } })
  })
})
