import type { DnsRecord, DnsResponse } from '../../shared/dns-types'
import { isSubdomainOf, sameName, stripDot } from '../../shared/names'

/** A referral: the asked server does not hold `name` itself and points to the servers of a zone below its own. */
export interface Referral {
  /** The zone cut the server points to. */
  zone: string
  /** The zone of the server that sent the referral. */
  from: string
  /** NS records of the cut, as received. */
  records: DnsRecord[]
  /** Distinct name server names, in the order received. */
  nameservers: string[]
  /** A/AAAA records for those names that the referring zone may vouch for (in its bailiwick). */
  glue: DnsRecord[]
  /** A/AAAA records for those names outside the referring zone: unused, they could be forged (cache poisoning). */
  ignoredGlue: DnsRecord[]
}

/** What one response means for the question asked of one zone's server. */
export type ResponseMeaning =
  /** `records` is the record set of `name` (the asked name or the end of an in-zone CNAME chain). */
  | { kind: 'answer'; name: string; records: DnsRecord[]; chain: DnsRecord[] }
  /** The name is an alias whose target must be asked about separately. */
  | { kind: 'cname'; chain: DnsRecord[]; target: string }
  | { kind: 'nxdomain'; soa: DnsRecord | null }
  | { kind: 'nodata'; soa: DnsRecord | null }
  | { kind: 'referral'; referral: Referral }
  /** The server is not a usable authority for the zone (RFC 1912 "lame"); `reason` says why in words. */
  | { kind: 'lame'; reason: string }

export interface AskedQuestion {
  /** Zone the server was asked as an authority of. */
  zone: string
  name: string
  type: string
}

const MAX_CHAIN_IN_RESPONSE = 16

/** Reads a response from an authoritative server the way an iterative resolver must, trusting only what that zone may say. */
export function interpretResponse(response: DnsResponse, asked: AskedQuestion): ResponseMeaning {
  const { rcode, flags } = response
  if (rcode !== 'NOERROR' && rcode !== 'NXDOMAIN') return { kind: 'lame', reason: `answered ${rcode}` }

  if (response.answers.length > 0) {
    if (!flags.aa) return { kind: 'lame', reason: 'answered without the authoritative (AA) flag, like a resolver or cache would' }
    return readAnswer(response.answers, asked)
  }
  const soa = response.authorities.find((r) => r.type === 'SOA') ?? null
  if (rcode === 'NXDOMAIN') {
    return flags.aa ? { kind: 'nxdomain', soa } : { kind: 'lame', reason: 'answered NXDOMAIN without the authoritative (AA) flag' }
  }
  const cutRecords = nsRecordsOfCut(response.authorities)
  if (soa || (flags.aa && (cutRecords.length === 0 || sameName(cutRecords[0]!.name, asked.zone)))) {
    return flags.aa ? { kind: 'nodata', soa } : { kind: 'lame', reason: 'answered "no such record" without the authoritative (AA) flag' }
  }
  if (cutRecords.length === 0) return { kind: 'lame', reason: 'answered with neither records nor a referral' }
  return readReferral(response, cutRecords, asked)
}

function readAnswer(answers: DnsRecord[], asked: AskedQuestion): ResponseMeaning {
  const chain: DnsRecord[] = []
  let name = asked.name
  for (let hop = 0; hop <= MAX_CHAIN_IN_RESPONSE; hop++) {
    const records = answers.filter((r) => sameName(r.name, name) && r.type === asked.type)
    if (records.length > 0) return { kind: 'answer', name, records, chain }
    const alias = answers.find((r) => sameName(r.name, name) && r.type === 'CNAME' && r.data.kind === 'name')
    if (!alias || alias.data.kind !== 'name') break
    chain.push(alias)
    name = stripDot(alias.data.target)
    // Data for a target outside the zone is not this server's to give; it is asked for separately.
    if (!isSubdomainOf(name, asked.zone) || chain.some((r) => sameName(r.name, name))) break
  }
  if (chain.length > 0) return { kind: 'cname', chain, target: name }
  return { kind: 'lame', reason: `answered with records that are not for ${stripDot(asked.name)} ${asked.type}` }
}

function readReferral(response: DnsResponse, cutRecords: DnsRecord[], asked: AskedQuestion): ResponseMeaning {
  const cut = stripDot(cutRecords[0]!.name).toLowerCase()
  if (sameName(cut, asked.zone)) {
    return { kind: 'lame', reason: `referred to ${cut} itself instead of answering for it (a lame delegation)` }
  }
  if (!isSubdomainOf(cut, asked.zone)) {
    return { kind: 'lame', reason: `referred upward or sideways to ${cut}, which is not below ${asked.zone}` }
  }
  if (!isSubdomainOf(asked.name, cut)) {
    return { kind: 'lame', reason: `referred to ${cut}, which does not contain ${stripDot(asked.name)}` }
  }
  const nameservers: string[] = []
  for (const r of cutRecords) {
    if (r.data.kind !== 'name') continue
    const target = stripDot(r.data.target).toLowerCase()
    if (!nameservers.includes(target)) nameservers.push(target)
  }
  const addresses = response.additionals.filter(
    (r) => (r.type === 'A' || r.type === 'AAAA') && r.data.kind === 'address' && nameservers.some((n) => sameName(n, r.name))
  )
  return {
    kind: 'referral',
    referral: {
      zone: cut,
      from: stripDot(asked.zone).toLowerCase(),
      records: cutRecords,
      nameservers,
      glue: addresses.filter((r) => isSubdomainOf(r.name, asked.zone)),
      ignoredGlue: addresses.filter((r) => !isSubdomainOf(r.name, asked.zone))
    }
  }
}

/** NS records of the first owner name found in the authority section (a referral carries one cut). */
function nsRecordsOfCut(authorities: DnsRecord[]): DnsRecord[] {
  const first = authorities.find((r) => r.type === 'NS')
  if (!first) return []
  return authorities.filter((r) => r.type === 'NS' && sameName(r.name, first.name))
}
