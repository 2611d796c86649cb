/** Lookup tables of the DNS registries that the codec and the formatters need. */

/** RCODE names, including the EDNS extended values (RFC 6891 / IANA "DNS RCODEs"). */
const RCODE_NAMES: Record<number, string> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
  16: 'BADVERS',
  23: 'BADCOOKIE'
}

export function rcodeName(value: number): string {
  return RCODE_NAMES[value] ?? `RCODE${value}`
}

/** RFC 8914 Extended DNS Error codes and their registry names. */
const EDE_NAMES: Record<number, string> = {
  0: 'Other Error',
  1: 'Unsupported DNSKEY Algorithm',
  2: 'Unsupported DS Digest Type',
  3: 'Stale Answer',
  4: 'Forged Answer',
  5: 'DNSSEC Indeterminate',
  6: 'DNSSEC Bogus',
  7: 'Signature Expired',
  8: 'Signature Not Yet Valid',
  9: 'DNSKEY Missing',
  10: 'RRSIGs Missing',
  11: 'No Zone Key Bit Set',
  12: 'NSEC Missing',
  13: 'Cached Error',
  14: 'Not Ready',
  15: 'Blocked',
  16: 'Censored',
  17: 'Filtered',
  18: 'Prohibited',
  19: 'Stale NXDomain Answer',
  20: 'Not Authoritative',
  21: 'Not Supported',
  22: 'No Reachable Authority',
  23: 'Network Error',
  24: 'Invalid Data',
  25: 'Signature Expired before Valid',
  26: 'Too Early',
  27: 'Unsupported NSEC3 Iterations Value',
  28: 'Unable to conform to policy',
  29: 'Synthesized',
  30: 'Invalid Query Type'
}

export function extendedErrorName(code: number): string {
  return EDE_NAMES[code] ?? `EDE ${code}`
}

/** EDNS option code of Extended DNS Errors (RFC 8914). */
export const EDE_OPTION_CODE = 15

/** Record types a user may ask for by name on the command line. */
export const QUERYABLE_TYPES = [
  'A',
  'AAAA',
  'ANY',
  'CAA',
  'CNAME',
  'DNAME',
  'DNSKEY',
  'DS',
  'MX',
  'NS',
  'NSEC',
  'NSEC3',
  'PTR',
  'RRSIG',
  'SOA',
  'SRV',
  'TLSA',
  'TXT'
] as const
