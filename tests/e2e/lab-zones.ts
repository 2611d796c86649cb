// The DNS the end-to-end tests run against: net 70 of the lab (see tests/support/lab/addresses.ts).
import { labAddress, resolverAddress, txtRecord, type ZoneSpec } from '../support/lab'

export const E2E_NET = 70

/** The value the "CA" asks for in every e2e scenario. */
export const TOKEN = '20240611000000e2etoken0abcdefghijklmnopqrstuv'

export const ROOT = labAddress(E2E_NET, 0, 1)

/** The lab's resolver that sees its domains. */
export const LAB_RESOLVER = resolverAddress(E2E_NET, 1)

/**
 * Resolvers of the lab that cannot see the `test` TLD at all (NXDOMAIN without an SOA for every name in it), as
 * public resolvers cannot see a private root, or a company DNS or an intercepting network answers.
 */
export const BLIND_RESOLVERS = [2, 3, 4, 5].map((n) => resolverAddress(E2E_NET, n))

export const ZONES: ZoneSpec[] = [
  {
    // The record as it should be.
    apex: 'good.test',
    servers: [
      { host: 'ns1.good.test', address: labAddress(E2E_NET, 2, 1) },
      { host: 'ns2.good.test', address: labAddress(E2E_NET, 2, 2) }
    ],
    records: txtRecord('_dnsauth', TOKEN, 300),
    ttl: 300
  },
  {
    // The value was saved with its quote marks, as happens in consoles that keep what you type.
    apex: 'broken.test',
    servers: [{ host: 'ns1.broken.test', address: labAddress(E2E_NET, 3, 1) }],
    records: txtRecord('_dnsauth', `"${TOKEN}"`, 300),
    ttl: 300
  }
]
