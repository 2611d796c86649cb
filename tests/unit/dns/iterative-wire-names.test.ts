// Names that arrive off the wire and are then asked about: a name server's name in a referral, a CNAME target. One
// with full-width dots that make an empty label (`ns。。x.test` reads as `ns..x.test`) or a label that IDNA refuses
// must make that server or alias unusable, with a reason, never throw out of the resolver (issue 10, item 1).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createIterativeResolver } from '../../../src/main/dns/iterative'
import { a, cname, ns, startTree, txt, type Tree } from '../../support/iterative-tree'

let tree: Tree

beforeAll(async () => {
  tree = await startTree({
    zones: {
      '.': [ns('test', 'a.nic.test'), a('a.nic.test', '127.0.0.3')],
      test: [
        ns('wide.test', 'ns\u3002\u3002wide.test'),
        ns('wide.test', 'ns1.wide.test'),
        a('ns1.wide.test', '127.0.0.10'),
        ns('onlywide.test', 'ns\uff0e\uff61onlywide.test'),
        ns('mapped.test', 'ns1\u3002mapped.test'),
        a('ns1.mapped.test', '127.0.0.10')
      ],
      'wide.test': [txt('_dnsauth.wide.test', 'wide-token'), cname('alias.wide.test', 'x\u3002\u3002wide.test'), cname('ok.wide.test', '_dnsauth\u3002wide.test')],
      'mapped.test': [txt('_dnsauth.mapped.test', 'mapped-token')]
    },
    servers: { 2: { zones: ['.'] }, 3: { zones: ['test'] }, 10: { zones: ['wide.test', 'mapped.test'] } }
  })
})

afterAll(async () => {
  await tree.close()
})

function resolver() {
  return createIterativeResolver({ rootServers: [tree.address(2)], authPort: tree.port, timeoutMs: 300, retries: 0 })
}

describe('names off the wire with full-width dots', () => {
  it('skips a name server whose name has an empty label and uses the next one', async () => {
    const result = await resolver().resolve('_dnsauth.wide.test', 'TXT')
    expect(result.status).toBe('answer')
  })

  it('fails with a reason, not an exception, when the only name server has such a name', async () => {
    const result = await resolver().resolve('_dnsauth.onlywide.test', 'TXT')
    expect(result.status).toBe('failed')
    if (result.status !== 'failed') return
    expect(result.failure.message).toContain('empty label')
  })

  it('settles for a name server whose name has one full-width dot (one odd label on the wire)', async () => {
    const result = await resolver().resolve('_dnsauth.mapped.test', 'TXT')
    expect(['answer', 'failed']).toContain(result.status)
  })

  it('fails with a reason when a CNAME points to a name with an empty label; follows one with a full-width dot', async () => {
    const bad = await resolver().resolve('alias.wide.test', 'TXT')
    expect(bad.status).toBe('failed')
    if (bad.status === 'failed') expect(bad.failure.message).toContain('empty label')
    const good = await resolver().resolve('ok.wide.test', 'TXT')
    expect(good.status).toBe('answer')
  })

  it('finds the zone apex past such a name server', async () => {
    const zone = await resolver().findZoneApex('_dnsauth.wide.test')
    expect(zone.found).toBe(true)
  })
})
