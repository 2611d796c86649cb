// The diagnosis engine against real NSD + Unbound on 127.73.0.0/16: the delegation.* findings. Each
// zone is one way a delegation goes wrong: a platform named by its NS hosts, a dead or lame server,
// servers out of sync, parent and child NS sets that differ. (Every server of a zone silent, and servers that
// disagree at one serial: servers.test.ts.)

import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DiagnoseInput } from '../../../src/shared/diagnosis-types'
import { expectReport, TOKEN, diagnoseInLab } from '../../support/diagnosis-fixtures'
import { runDiagnosis } from '../../../src/main/diagnosis/run-diagnosis'
import { summarizeDelegation } from '../../../src/main/diagnosis/delegation-summary'
import { aRecord, buildHierarchy, describeLab, labAddress, nsRecord, startLab, txtRecord, zoneBody, type Lab, type ZoneSpec } from '../../support/lab'

const NET = 73 // this file's lab net (see tests/support/lab/addresses.ts)

// A platform's own servers: their host names live in a zone named like Huawei Cloud's NS domain.
const PLATFORM_1 = labAddress(NET, 2, 1)
const PLATFORM_2 = labAddress(NET, 2, 2)
const HALF_UP = labAddress(NET, 3, 1)
const HALF_DOWN = labAddress(NET, 3, 2)
const LAME_OK = labAddress(NET, 4, 1)
const DEAD_OK = labAddress(NET, 5, 1)
const NOTHING_THERE = labAddress(NET, 5, 9) // no server listens here
const SYNC_1 = labAddress(NET, 6, 1)
const SYNC_2 = labAddress(NET, 6, 2)
const PCM_1 = labAddress(NET, 7, 1)
const PCM_2 = labAddress(NET, 7, 2)
const MOVED = labAddress(NET, 8, 1)

const token = txtRecord('_dnsauth', TOKEN)

const zones: ZoneSpec[] = [
  {
    apex: 'huaweicloud-dns.test',
    servers: [
      { host: 'ns1.huaweicloud-dns.test', address: PLATFORM_1 },
      { host: 'ns2.huaweicloud-dns.test', address: PLATFORM_2 }
    ]
  },
  // A customer zone on that platform (its NS hosts are out of bailiwick: no glue, looked up).
  {
    apex: 'customer.test',
    servers: [
      { host: 'ns1.huaweicloud-dns.test', address: PLATFORM_1 },
      { host: 'ns2.huaweicloud-dns.test', address: PLATFORM_2 }
    ],
    records: token
  },
  {
    apex: 'half.test',
    servers: [
      { host: 'ns1.half.test', address: HALF_UP },
      { host: 'ns2.half.test', address: HALF_DOWN }
    ],
    records: token
  },
  // Both sides list ns2.lame.test, but its address is an NSD that does not serve lame.test (REFUSED).
  {
    apex: 'lame.test',
    servers: [{ host: 'ns1.lame.test', address: LAME_OK }],
    records: zoneBody(nsRecord('@', 'ns2.lame.test.'), aRecord('ns2', PLATFORM_1), token),
    parentNs: [{ host: 'ns1.lame.test', address: LAME_OK }, { host: 'ns2.lame.test', address: PLATFORM_1 }]
  },
  // Both sides list ns2.dead.test, at an address where nothing listens.
  {
    apex: 'dead.test',
    servers: [{ host: 'ns1.dead.test', address: DEAD_OK }],
    records: zoneBody(nsRecord('@', 'ns2.dead.test.'), aRecord('ns2', NOTHING_THERE), token),
    parentNs: [{ host: 'ns1.dead.test', address: DEAD_OK }, { host: 'ns2.dead.test', address: NOTHING_THERE }]
  },
  {
    apex: 'answers.test',
    servers: [
      { host: 'ns1.answers.test', address: SYNC_1 },
      { host: 'ns2.answers.test', address: SYNC_2 }
    ],
    records: 'www IN A 127.0.0.80'
  },
  {
    apex: 'serials.test',
    servers: [
      { host: 'ns1.serials.test', address: SYNC_1 },
      { host: 'ns2.serials.test', address: SYNC_2 }
    ],
    records: token
  },
  // Delegated to its own server, where the record was never added. The user added it at "Huawei Cloud" instead:
  // the platform's servers hold a copy of the zone with the record (see beforeAll).
  { apex: 'moved.test', servers: [{ host: 'ns1.moved.test', address: MOVED }] },
  // The zone added ns2 but the registrar still delegates to ns1 only.
  {
    apex: 'mismatch.test',
    servers: [
      { host: 'ns1.mismatch.test', address: PCM_1 },
      { host: 'ns2.mismatch.test', address: PCM_2 }
    ],
    records: token,
    parentNs: [{ host: 'ns1.mismatch.test', address: PCM_1 }]
  }
]

await describeLab('diagnosis against NSD + Unbound: the delegation findings', NET, () => {
  let lab: Lab

  beforeAll(async () => {
    const servers = buildHierarchy({ net: NET, tld: 'test', zones })
    // The platform's servers also serve moved.test, as a platform serves a zone a user created there, with the
    // record, and with the platform's own NS set; the registry still delegates moved.test to ns1.moved.test.
    const moved = servers.find((s) => s.address === MOVED)!.zones.find((z) => z.apex === 'moved.test')!
    for (const address of [PLATFORM_1, PLATFORM_2]) {
      servers.find((s) => s.address === address)!.zones.push({
        ...moved,
        nameServers: ['ns1.huaweicloud-dns.test.', 'ns2.huaweicloud-dns.test.'],
        generatedRecords: [],
        records: zoneBody(nsRecord('@', 'ns1.huaweicloud-dns.test.'), nsRecord('@', 'ns2.huaweicloud-dns.test.'), token)
      })
    }
    lab = await startLab({ net: NET, servers })
    await lab.stopServer(HALF_DOWN, { mode: 'silent' })
    // ns2 of answers.test got the token, ns1 did not (and so has an older serial).
    await lab.updateZone('answers.test', zoneBody('www IN A 127.0.0.80', token), { servers: [SYNC_2] })
    // ns2 of serials.test has a newer serial with the same records.
    await lab.updateZone('serials.test', token, { servers: [SYNC_2] })
  })
  afterAll(async () => {
    await lab?.stop()
  })

  function diagnose(domains: string[], overrides: Partial<DiagnoseInput> = {}) {
    return diagnoseInLab(lab, domains, overrides)
  }

  it('delegation.provider: the NS hosts match a platform of the catalog (and it is the one the user named)', async () => {
    const report = await diagnose(['customer.test'], { platform: 'huaweicloud' })
    expectReport(report, {
      expect: ['delegation.provider', 'record.ok'],
      forbid: ['delegation.wrong_platform', 'delegation.unreachable', 'delegation.parent_child_mismatch'],
      params: {
        'delegation.provider': {
          provider: 'huaweicloud',
          providerName: 'Huawei Cloud DNS',
          nameservers: ['ns1.huaweicloud-dns.test', 'ns2.huaweicloud-dns.test']
        }
      },
      verdict: 'verified'
    })
    expect(report.provider).toMatchObject({ id: 'huaweicloud' })
  })

  it('delegation.wrong_platform: the user edits Cloudflare, the NS point to Huawei Cloud', async () => {
    expectReport(await diagnose(['customer.test'], { platform: 'cloudflare' }), {
      expect: ['delegation.wrong_platform', 'delegation.provider'],
      params: {
        'delegation.wrong_platform': {
          expected: 'cloudflare',
          expectedName: 'Cloudflare',
          actual: 'huaweicloud',
          actualName: 'Huawei Cloud DNS',
          nameservers: ['ns1.huaweicloud-dns.test', 'ns2.huaweicloud-dns.test']
        }
      },
      verdict: 'action_needed'
    })
  })

  it('delegation.wrong_platform: the user edits Cloudflare, the NS are a platform the catalog does not know', async () => {
    expectReport(await diagnose(['serials.test'], { platform: 'cloudflare' }), {
      expect: ['delegation.wrong_platform'],
      params: {
        'delegation.provider': { provider: 'generic' },
        'delegation.wrong_platform': { expected: 'cloudflare', actual: 'generic' }
      },
      verdict: 'action_needed'
    })
  })

  it('delegation.record_at_other_platform: the record is at the platform the user named, the NS point elsewhere', async () => {
    const report = await runDiagnosis(
      { domains: ['moved.test'], host: '_dnsauth', type: 'TXT', value: TOKEN, platform: 'huaweicloud', resolvers: [], roots: lab.rootHints, timeoutMs: 500 },
      { platformNameservers: (id) => (id === 'huaweicloud' ? ['ns1.huaweicloud-dns.test', 'ns2.huaweicloud-dns.test'] : []) }
    )
    expectReport(report, {
      expect: ['delegation.record_at_other_platform', 'record.missing'],
      forbid: ['delegation.wrong_platform', 'record.ok'],
      params: {
        'delegation.record_at_other_platform': {
          platform: 'huaweicloud',
          platformName: 'Huawei Cloud DNS',
          platformNameservers: ['ns1.huaweicloud-dns.test', 'ns2.huaweicloud-dns.test'],
          name: '_dnsauth.moved.test',
          values: [TOKEN],
          nameservers: ['ns1.moved.test']
        }
      },
      verdict: 'action_needed'
    })
    expect(report.atPlatform).toEqual([
      expect.objectContaining({ platform: 'huaweicloud', zoneFound: true, values: [TOKEN], name: '_dnsauth.moved.test' })
    ])
  })

  it('step 1: the platform the user names has the zone set up too, while the name servers point elsewhere', async () => {
    const platformNameservers = () => ['ns1.huaweicloud-dns.test', 'ns2.huaweicloud-dns.test']
    const moved = await summarizeDelegation('moved.test', { roots: lab.rootHints, timeoutMs: 500, platform: '华为云', platformNameservers })
    expect(moved).toMatchObject({ zone: 'moved.test', nameservers: ['ns1.moved.test'], atPlatform: { platform: 'huaweicloud', zoneFound: true } })
    // A zone the platform does not hold; and the platform that does serve the domain: nothing to add.
    const other = await summarizeDelegation('half.test', { roots: lab.rootHints, timeoutMs: 500, platform: 'huaweicloud', platformNameservers })
    expect(other.atPlatform).toEqual({ platform: 'huaweicloud', nameservers: platformNameservers(), zoneFound: false })
    const same = await summarizeDelegation('customer.test', { roots: lab.rootHints, timeoutMs: 500, platform: 'huaweicloud', platformNameservers })
    expect(same.atPlatform).toBeNull()
  })

  it('the named platform has the zone but not the record: wrong platform, as before', async () => {
    const report = await runDiagnosis(
      { domains: ['moved.test'], host: '_dnsauth', type: 'TXT', value: 'another-value', platform: 'huaweicloud', resolvers: [], roots: lab.rootHints, timeoutMs: 500 },
      { platformNameservers: () => ['ns1.huaweicloud-dns.test'] }
    )
    expectReport(report, { expect: ['delegation.wrong_platform', 'record.missing'], forbid: ['delegation.record_at_other_platform'], verdict: 'action_needed' })
  })

  it('delegation.unreachable (timeout): one of two servers is silent; the other has the record', async () => {
    const report = await diagnose(['half.test'])
    expectReport(report, {
      expect: ['delegation.unreachable', 'record.ok'],
      forbid: ['record.missing', 'delegation.inconsistent', 'zone.not_found'],
      params: {
        'delegation.unreachable': { server: 'ns2.half.test', address: HALF_DOWN, reason: 'timeout' },
        'record.ok': { servers: 1 }
      },
      verdict: 'verified'
    })
    expect(report.findings.filter((f) => f.id === 'delegation.unreachable')).toHaveLength(1)
  })

  it('delegation.unreachable (lame): a listed server answers REFUSED, not being authoritative for the zone', async () => {
    const report = await diagnose(['lame.test'])
    expectReport(report, {
      expect: ['delegation.unreachable', 'record.ok'],
      forbid: ['delegation.parent_child_mismatch', 'record.missing'],
      params: { 'delegation.unreachable': { server: 'ns2.lame.test', address: PLATFORM_1, reason: 'lame' } },
      verdict: 'verified'
    })
  })

  it('delegation.unreachable: a listed server address where nothing listens', async () => {
    const report = await diagnose(['dead.test'])
    expectReport(report, {
      expect: ['delegation.unreachable', 'record.ok'],
      forbid: ['delegation.parent_child_mismatch', 'record.missing'],
      // The port is closed: ICMP port unreachable comes back at once, no timeout to wait for.
      params: { 'delegation.unreachable': { server: 'ns2.dead.test', address: NOTHING_THERE, reason: 'refused' } },
      verdict: 'verified'
    })
  })

  it('one server has the record, the other is behind on serial without it: a secondary syncing, not servers that disagree', async () => {
    const report = await diagnose(['answers.test'])
    expectReport(report, {
      expect: ['propagation.secondary_syncing'],
      forbid: ['delegation.inconsistent', 'record.ok', 'record.missing', 'delegation.unreachable'],
      params: { 'propagation.secondary_syncing': { name: '_dnsauth.answers.test', servers: [`ns1.answers.test (${SYNC_1})`], serials: ['1'], serial: 2 } },
      verdict: 'waiting'
    })
  })

  it('serials differ but every server already serves the record: nothing holds verification up', async () => {
    const report = await diagnose(['serials.test'])
    expectReport(report, {
      expect: ['record.ok'],
      forbid: ['delegation.inconsistent', 'record.missing', 'delegation.unreachable'],
      verdict: 'verified'
    })
    expect(new Set(report.authoritative.map((o) => o.soaSerial)).size).toBe(2)
  })

  it('delegation.parent_child_mismatch: the zone lists ns1 and ns2, the parent delegates to ns1 only', async () => {
    expectReport(await diagnose(['mismatch.test']), {
      expect: ['delegation.parent_child_mismatch', 'record.ok'],
      forbid: ['delegation.unreachable', 'delegation.inconsistent'],
      params: {
        'delegation.parent_child_mismatch': {
          zone: 'mismatch.test',
          parent: ['ns1.mismatch.test'],
          child: ['ns1.mismatch.test', 'ns2.mismatch.test']
        }
      },
      verdict: 'verified'
    })
  })
})
