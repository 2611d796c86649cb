// The DNS the end-to-end tests run against: net 70 of the lab (see tests/support/lab/addresses.ts).
import { labAddress, resolverAddress, txtRecord, zoneBody, type ZoneSpec } from '../support/lab'

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

/** A multi-domain order: each domain with its own host and value, as a Chinese console's table lists them. */
export const ORDER_TOKENS = {
  apex: '20240611000001e2eorder0apex0abcdefghijklmn',
  shop: '20240611000002e2eorder0shop0abcdefghijklmn',
  blog: '20240611000003e2eorder0blog0abcdefghijklmn'
} as const

/** The order's text as Huawei Cloud's certificate console shows it (zh), for the domains of `apex`. */
export function orderText(apex: string): string {
  return [
    '域名\t主机记录\t记录类型\t记录值\t验证状态',
    `${apex}\t_dnsauth\tTXT\t${ORDER_TOKENS.apex}\t待验证`,
    `shop.${apex}\t_dnsauth.shop\tTXT\t${ORDER_TOKENS.shop}\t待验证`,
    `blog.${apex}\t_dnsauth.blog\tTXT\t${ORDER_TOKENS.blog}\t待验证`
  ].join('\n')
}

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
  },
  {
    // Every record of a multi-domain order in place.
    apex: 'order.test',
    servers: [{ host: 'ns1.order.test', address: labAddress(E2E_NET, 4, 1) }],
    records: zoneBody(
      txtRecord('_dnsauth', ORDER_TOKENS.apex, 300),
      txtRecord('_dnsauth.shop', ORDER_TOKENS.shop, 300),
      txtRecord('_dnsauth.blog', ORDER_TOKENS.blog, 300)
    ),
    ttl: 300
  },
  {
    // The same order with the record for shop never added.
    apex: 'partorder.test',
    servers: [{ host: 'ns1.partorder.test', address: labAddress(E2E_NET, 5, 1) }],
    records: zoneBody(txtRecord('_dnsauth', ORDER_TOKENS.apex, 300), txtRecord('_dnsauth.blog', ORDER_TOKENS.blog, 300)),
    ttl: 300
  }
]
