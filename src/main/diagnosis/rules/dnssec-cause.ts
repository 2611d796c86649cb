/**
 * Names the broken link of a DNSSEC chain from what was fetched (DS at the parent, DNSKEY and RRSIGs at the zone),
 * in the order a validator walks it: the registrar's DS must match a key of the zone, the signatures must be
 * within their validity window, and the data must be signed at all. The resolver's Extended DNS Error is the
 * fallback when the fetch said nothing.
 */
import type { DnssecObservation } from '../../../shared/diagnosis-types'
import type { Evidence, FindingParamsOf } from '../../../shared/findings'

type CauseParams = Pick<FindingParamsOf<'dnssec.bogus'>, 'cause' | 'validFrom' | 'validUntil'>

export function readDnssecCause(d: DnssecObservation | null, ede: string): { params: CauseParams; evidence: Evidence[] } {
  const evidence = d ? dnssecEvidence(d) : []
  const cause = (c: CauseParams['cause'], window?: { inception: number; expiration: number }): { params: CauseParams; evidence: Evidence[] } => ({
    params: { cause: c, validFrom: window ? isoDate(window.inception) : '', validUntil: window ? isoDate(window.expiration) : '' },
    evidence
  })
  // Without an answer from the zone's own servers the keys and signatures are unknown: only the EDE can tell.
  if (d && d.server !== null) {
    // A DS at the registrar for a zone with no keys at all: DNSSEC is off at the platform, the DS left behind.
    if (d.ds.length > 0 && d.dnskeys.length === 0) return cause('missing_signatures')
    if (d.ds.length > 0) {
      const matched = d.ds.some((ds) =>
        d.dnskeys.some((k) => k.keyTag === ds.keyTag && k.algorithm === ds.algorithm && k.dsDigests[ds.digestType]?.toLowerCase() === ds.digest)
      )
      if (!matched) return cause('ds_mismatch')
    }
    // The record's own signature first: it is the one the CA's resolver checks.
    const ordered = [...d.signatures].sort((a, b) => Number(a.covers === 'DNSKEY') - Number(b.covers === 'DNSKEY'))
    const expired = ordered.find((s) => s.expiration < d.at)
    if (expired) return cause('signature_expired', expired)
    const early = ordered.find((s) => s.inception > d.at)
    if (early) return cause('signature_not_yet_valid', early)
    if (d.dnskeys.length > 0 && !d.signatures.some((s) => s.covers !== 'DNSKEY')) return cause('missing_signatures')
  }
  if (/Signature Expired/i.test(ede)) return cause('signature_expired')
  if (/Signature Not Yet Valid/i.test(ede)) return cause('signature_not_yet_valid')
  if (/DNSKEY Missing/i.test(ede)) return cause('ds_mismatch')
  if (/RRSIGs Missing/i.test(ede)) return cause('missing_signatures')
  return cause('unknown')
}

function dnssecEvidence(d: DnssecObservation): Evidence[] {
  const out: Evidence[] = [
    {
      query: { name: d.zone, type: 'DS' },
      records: d.ds.map((ds) => `DS ${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest}`),
      note: d.ds.length === 0 ? 'no DS record at the parent zone' : 'at the parent zone (set at the registrar)'
    },
    {
      query: { name: d.zone, type: 'DNSKEY' },
      records: d.dnskeys.map((k) => `DNSKEY ${k.flags} 3 ${k.algorithm} (key tag ${k.keyTag})`),
      ...(d.server ? { server: d.server } : {})
    }
  ]
  if (d.signatures.length > 0) {
    out.push({
      query: { name: d.name, type: 'RRSIG' },
      records: d.signatures.map((s) => `RRSIG ${s.covers} key tag ${s.keyTag} signer ${s.signer}, valid ${isoDate(s.inception)} to ${isoDate(s.expiration)}`)
    })
  }
  return out
}

function isoDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString()
}
