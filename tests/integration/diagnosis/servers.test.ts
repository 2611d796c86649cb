// The diagnosis engine against real NSD + Unbound on 127.86.0.0/16: what the zone's own servers say when they do
// not all say the same. None of a zone's servers answering is an error (the CA can ask no one else), while one
// silent server beside others is only a warning; a secondary that has not copied the change yet is a wait, while
// servers that hold other content at the same serial disagree.

import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCli } from '../../../src/main/cli/index'
import { summarizeDelegation } from '../../../src/main/diagnosis/delegation-summary'
import { diagnoseInLab, expectReport, TOKEN } from '../../support/diagnosis-fixtures'
import { buildHierarchy, describeLab, labAddress, resolverAddress, startLab, txtRecord, type Lab, type ServerDefinition, type ZoneSpec } from '../../support/lab'

const NET = 86 // this file's lab net (see tests/support/lab/addresses.ts)

const SILENT_1 = labAddress(NET, 2, 1)
const SILENT_2 = labAddress(NET, 2, 2)
const LAME_ONLY = labAddress(NET, 3, 1) // serves other.test, not lamed.test
const HALF_UP = labAddress(NET, 4, 1)
const HALF_DOWN = labAddress(NET, 4, 2)
const SYNC_1 = labAddress(NET, 5, 1)
const SYNC_2 = labAddress(NET, 5, 2)
const SAME_1 = labAddress(NET, 6, 1)
const SAME_2 = labAddress(NET, 6, 2)
const RESOLVER = resolverAddress(NET, 1)
/** An address of this lab where nothing listens. */
const labAddressUnused = (): string => labAddress(NET, 9, 9)

const token = txtRecord('_dnsauth', TOKEN)

const zones: ZoneSpec[] = [
  {
    apex: 'silent.test',
    servers: [
      { host: 'ns1.silent.test', address: SILENT_1 },
      { host: 'ns2.silent.test', address: SILENT_2 }
    ],
    records: token
  },
  { apex: 'other.test', servers: [{ host: 'ns1.other.test', address: LAME_ONLY }] },
  // The registry delegates lamed.test to ns1.other.test only, which does not serve it (it answers REFUSED).
  {
    apex: 'lamed.test',
    servers: [{ host: 'ns1.lamed.test', address: LAME_ONLY }],
    records: token,
    parentNs: [{ host: 'ns1.other.test', address: undefined }]
  },
  {
    apex: 'half.test',
    servers: [
      { host: 'ns1.half.test', address: HALF_UP },
      { host: 'ns2.half.test', address: HALF_DOWN }
    ],
    records: token
  },
  // The record is added on ns2 (serial 2); ns1, a secondary, still serves serial 1 without it.
  {
    apex: 'syncing.test',
    servers: [
      { host: 'ns1.syncing.test', address: SYNC_1 },
      { host: 'ns2.syncing.test', address: SYNC_2 }
    ]
  },
  // The record is on ns2 only, at the same serial as ns1's copy without it: not a copy in progress.
  {
    apex: 'sameserial.test',
    servers: [
      { host: 'ns1.sameserial.test', address: SAME_1 },
      { host: 'ns2.sameserial.test', address: SAME_2 }
    ]
  }
]

await describeLab('diagnosis against NSD + Unbound: when the zone\'s servers do not all answer alike', NET, () => {
  let lab: Lab

  beforeAll(async () => {
    const servers: ServerDefinition[] = buildHierarchy({ net: NET, tld: 'test', zones })
    // lamed.test's own server is the one that does not serve it: drop the zone from it, so the delegation is lame.
    const lame = servers.find((s) => s.address === LAME_ONLY)!
    lame.zones = lame.zones.filter((z) => z.apex !== 'lamed.test')
    lab = await startLab({ net: NET, servers, resolvers: [{ address: RESOLVER, serverOptions: ['infra-cache-max-rtt: 400'] }] })
    await lab.stopServer(SILENT_1, { mode: 'silent' })
    await lab.stopServer(SILENT_2, { mode: 'silent' })
    await lab.stopServer(HALF_DOWN, { mode: 'silent' })
    await lab.updateZone('syncing.test', token, { servers: [SYNC_2] })
    await lab.updateZone('sameserial.test', token, { servers: [SAME_2], serial: 1 })
  }, 120_000)
  afterAll(async () => {
    await lab?.stop()
  })

  const diagnose = (domains: string[]) => diagnoseInLab(lab, domains, {}, RESOLVER)
  const cli = (domain: string) =>
    runCli(['diagnose', '--host', '_dnsauth', '--type', 'TXT', '--value', TOKEN, '--root', lab.rootHints[0]!, '--timeout', '500', '--domain', domain, '--resolver', RESOLVER])

  it('delegation.no_server_answers: every delegated server is silent', async () => {
    const report = await diagnose(['silent.test'])
    expectReport(report, {
      expect: ['delegation.no_server_answers'],
      forbid: ['delegation.unreachable', 'zone.not_found', 'record.ok'],
      params: {
        'delegation.no_server_answers': {
          zone: 'silent.test',
          servers: [`ns1.silent.test (${SILENT_1})`, `ns2.silent.test (${SILENT_2})`],
          reason: 'timeout'
        }
      },
      verdict: 'action_needed'
    })
    expect(report.findings.find((f) => f.id === 'delegation.no_server_answers')!.severity).toBe('error')
  })

  it("step 1 says the domain's own servers are silent (the root and registry answered), not to check the connection", async () => {
    const silent = await summarizeDelegation('silent.test', { roots: lab.rootHints, timeoutMs: 500 })
    expect(silent).toMatchObject({ domain: 'silent.test', zone: 'silent.test', problem: 'servers_silent' })
    // The servers on the way answer: a domain that does not exist is still not_found.
    expect((await summarizeDelegation('nowhere.test', { roots: lab.rootHints, timeoutMs: 500 })).problem).toBe('not_found')
    // Nothing on the way answers at all (a root where nothing listens): that is the connection.
    const noRoot = await summarizeDelegation('silent.test', { roots: [labAddressUnused()], timeoutMs: 300 })
    expect(noRoot).toMatchObject({ zone: null, problem: 'unreachable' })
  })

  it('delegation.no_server_answers: the only delegated server is lame (REFUSED)', async () => {
    expectReport(await diagnose(['lamed.test']), {
      expect: ['delegation.no_server_answers'],
      forbid: ['delegation.unreachable', 'zone.not_found', 'record.ok'],
      params: { 'delegation.no_server_answers': { zone: 'lamed.test', servers: [`ns1.other.test (${LAME_ONLY})`], reason: 'lame' } },
      verdict: 'action_needed'
    })
  })

  it('one silent server beside one that answers stays a warning, and the record is verified', async () => {
    expectReport(await diagnose(['half.test']), {
      expect: ['delegation.unreachable', 'record.ok'],
      forbid: ['delegation.no_server_answers'],
      params: { 'delegation.unreachable': { servers: [`ns2.half.test (${HALF_DOWN})`], reason: 'timeout' } },
      verdict: 'verified'
    })
  })

  it('the CLI says the zone\'s servers do not answer, not that the zone was not found', async () => {
    const { stdout, exitCode } = await cli('silent.test')
    expect(exitCode).toBe(1)
    expect(stdout).toContain('(zone silent.test: its DNS servers do not answer)')
    expect(stdout).not.toContain('zone not found')
    expect(stdout).toContain('[delegation.no_server_answers]')
    expect(stdout).not.toContain('verification may fail')
  })

  it('propagation.secondary_syncing: the server without the record is behind on serial; one finding, waiting', async () => {
    const report = await diagnose(['syncing.test'])
    expectReport(report, {
      expect: ['propagation.secondary_syncing'],
      forbid: ['delegation.inconsistent', 'record.ok', 'record.missing', 'record.stale_value'],
      params: {
        'propagation.secondary_syncing': {
          name: '_dnsauth.syncing.test',
          zone: 'syncing.test',
          servers: [`ns1.syncing.test (${SYNC_1})`],
          serials: ['1'],
          serial: 2
        }
      },
      verdict: 'waiting'
    })
    expect(report.records.map((r) => r.verdict)).toEqual(['waiting'])
    expect(report.findings.filter((f) => f.id === 'propagation.secondary_syncing')).toHaveLength(1)
  })

  it('the CLI shows one waiting card for a secondary still syncing, and no "start the check" yet', async () => {
    const { stdout } = await cli('syncing.test')
    expect(stdout).toContain('Verdict: Almost there')
    expect(stdout.match(/\[propagation\.secondary_syncing\]/g)).toHaveLength(1)
    expect(stdout).not.toContain('[delegation.inconsistent]')
    expect(stdout).not.toContain('Go back to your certificate authority and start the check')
  })

  it('delegation.inconsistent: the same serial with and without the record is not a copy in progress', async () => {
    const report = await diagnose(['sameserial.test'])
    expect(new Set(report.authoritative.map((o) => o.soaSerial))).toEqual(new Set([1]))
    expectReport(report, {
      expect: ['delegation.inconsistent'],
      forbid: ['propagation.secondary_syncing', 'record.ok'],
      params: { 'delegation.inconsistent': { name: '_dnsauth.sameserial.test', what: 'answers' } },
      verdict: 'action_needed'
    })
  })
})
