// Registrable domains against real NSD + Unbound on 127.83.0.0/16, with a TLD and a zone named like real public
// suffixes (`io` and `github.io`, where users get addresses but no zone of their own): "not registered" is told
// from "registered but without DNS servers of its own", by the Public Suffix List.

import { afterAll, beforeAll, it } from 'vitest'
import { diagnoseInLab, expectReport, TOKEN } from '../../support/diagnosis-fixtures'
import { aRecord, buildHierarchy, describeLab, labAddress, startLab, txtRecord, zoneBody, type Lab, type ZoneSpec } from '../../support/lab'

const NET = 83 // this file's lab net (see tests/support/lab/addresses.ts)
const NS = labAddress(NET, 2, 1)

const zones: ZoneSpec[] = [
  // A shared suffix: user pages are names in it, not zones of their own.
  { apex: 'github.io', servers: [{ host: 'ns1.github.io', address: NS }], records: zoneBody(aRecord('someone', '127.83.9.9'), txtRecord('_dnsauth.someone', 'x')) },
  // A user who did get a zone of their own under it (as some hosting platforms delegate).
  { apex: 'own.github.io', servers: [{ host: 'ns1.own.github.io', address: NS }], records: txtRecord('_dnsauth', TOKEN) }
]

await describeLab('registrable domains: not registered vs not delegated (Public Suffix List)', NET, () => {
  let lab: Lab
  beforeAll(async () => {
    lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'io', zones }) })
  })
  afterAll(async () => {
    await lab?.stop()
  })

  it('a name under a shared suffix that exists but has no zone of its own: not delegated', async () => {
    expectReport(await diagnoseInLab(lab, ['someone.github.io']), {
      expect: ['zone.not_found'],
      forbid: ['record.ok', 'record.missing', 'record.value_mismatch'],
      params: { 'zone.not_found': { domain: 'someone.github.io', registrable: 'someone.github.io', kind: 'not_delegated' } },
      verdict: 'action_needed'
    })
  })

  it('a name under a shared suffix that does not exist: not registered', async () => {
    expectReport(await diagnoseInLab(lab, ['nobody.github.io']), {
      expect: ['zone.not_found'],
      params: { 'zone.not_found': { registrable: 'nobody.github.io', kind: 'not_registered' } },
      verdict: 'action_needed'
    })
  })

  it('a registrable domain with a zone of its own works as any domain', async () => {
    expectReport(await diagnoseInLab(lab, ['www.own.github.io']), { expect: ['record.ok'], forbid: ['zone.not_found'], verdict: 'verified' })
  })

  it('a domain nobody registered directly under the TLD: not registered', async () => {
    expectReport(await diagnoseInLab(lab, ['unregistered.io']), {
      expect: ['zone.not_found'],
      params: { 'zone.not_found': { registrable: 'unregistered.io', kind: 'not_registered' } }
    })
  })
})
