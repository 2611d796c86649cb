import { describe, expect, it } from 'vitest'
import type { DnssecObservation } from '../../../../src/shared/diagnosis-types'
import { readDnssecCause } from '../../../../src/main/diagnosis/rules/dnssec-cause'

const NOW = Date.UTC(2026, 10, 30) / 1000
const DAY = 86400
const KEY = { keyTag: 4242, flags: 257, algorithm: 13, dsDigests: { 1: 'aa', 2: 'bbbb', 4: 'cc' } }
const matchingDs = { keyTag: 4242, algorithm: 13, digestType: 2, digest: 'bbbb' }
const sig = (covers: string, inception: number, expiration: number) => ({ covers, keyTag: 4242, signer: 'example.com', inception, expiration })
const valid = [sig('TXT', NOW - DAY, NOW + 30 * DAY), sig('DNSKEY', NOW - DAY, NOW + 30 * DAY)]

function observation(overrides: Partial<DnssecObservation> = {}): DnssecObservation {
  return { name: '_dnsauth.example.com', zone: 'example.com', ds: [matchingDs], dnskeys: [KEY], signatures: valid, server: 'ns1 (192.0.2.1)', at: NOW, ...overrides }
}

describe('naming the broken DNSSEC link', () => {
  it.each<[string, DnssecObservation | null, string, string, { cause: string; validFrom?: string; validUntil?: string }]>([
    [
      'the record\'s signatures expired (the DNSKEY set is still fine): expired, with the window',
      observation({ signatures: [sig('TXT', Date.UTC(2020, 0, 1) / 1000, Date.UTC(2020, 1, 1) / 1000), valid[1]!] }),
      '',
      'signature_expired',
      { cause: 'signature_expired', validFrom: '2020-01-01T00:00:00.000Z', validUntil: '2020-02-01T00:00:00.000Z' }
    ],
    ['signed for the future', observation({ signatures: [sig('TXT', NOW + DAY, NOW + 30 * DAY)] }), '', 'signature_not_yet_valid', { cause: 'signature_not_yet_valid' }],
    ['a DS that matches no key (digest differs)', observation({ ds: [{ ...matchingDs, digest: 'ffff' }] }), '', 'ds_mismatch', { cause: 'ds_mismatch', validFrom: '' }],
    ['a DS for another key tag', observation({ ds: [{ ...matchingDs, keyTag: 1 }] }), '', 'ds_mismatch', { cause: 'ds_mismatch' }],
    ['a DS while the zone has no keys at all (DNSSEC off at the platform)', observation({ dnskeys: [], signatures: [] }), '', 'missing_signatures', { cause: 'missing_signatures' }],
    ['a DS, and no zone server answered: nothing says the keys are missing', observation({ dnskeys: [], signatures: [], server: null }), '', 'unknown', { cause: 'unknown' }],
    ['a broken DS outranks expired signatures: the chain breaks there first', observation({ ds: [{ ...matchingDs, digest: 'ff' }], signatures: [sig('TXT', 1, 2)] }), '', 'ds_mismatch', { cause: 'ds_mismatch' }],
    ['keys but no signatures over the data', observation({ signatures: [valid[1]!] }), '', 'missing_signatures', { cause: 'missing_signatures' }],
    ['no DS at the parent (a trust anchor elsewhere), signatures expired', observation({ ds: [], signatures: [sig('SOA', 1, 2)] }), '', 'signature_expired', { cause: 'signature_expired' }],
    ['nothing wrong in what could be fetched: the EDE decides', observation(), 'Signature Expired', 'signature_expired', { cause: 'signature_expired', validFrom: '', validUntil: '' }],
    ['nothing fetched, EDE "DNSKEY Missing"', null, 'DNSKEY Missing', 'ds_mismatch', { cause: 'ds_mismatch' }],
    ['nothing fetched, EDE "RRSIGs Missing"', null, 'RRSIGs Missing: no signatures', 'missing_signatures', { cause: 'missing_signatures' }],
    ['nothing to go on', null, '', 'unknown', { cause: 'unknown', validFrom: '', validUntil: '' }]
  ])('%s', (_name, d, ede, cause, params) => {
    const read = readDnssecCause(d, ede)
    expect(read.params.cause).toBe(cause)
    expect(read.params).toMatchObject(params)
  })

  it('shows the DS, the keys and the signature windows as evidence', () => {
    const read = readDnssecCause(observation({ ds: [{ ...matchingDs, digest: 'ffff' }] }), '')
    const records = read.evidence.flatMap((e) => e.records ?? [])
    expect(records).toContain('DS 4242 13 2 ffff')
    expect(records).toContain('DNSKEY 257 3 13 (key tag 4242)')
    expect(records.some((r) => r.startsWith('RRSIG TXT key tag 4242'))).toBe(true)
  })
})
