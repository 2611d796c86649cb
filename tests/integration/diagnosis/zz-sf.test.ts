import { it } from 'vitest'
import { buildHierarchy, dig, labAddress, startLab, txtRecord } from '/work/main/tests/support/lab'
const NET = 89
it('servfail timing', async () => {
  const lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones: [
    { apex: 'a.test', servers: [{ host: 'ns1.a.test', address: labAddress(NET, 2, 1) }], records: txtRecord('_x', 'v') },
    { apex: 'killed.test', servers: [{ host: 'ns1.killed.test', address: labAddress(NET, 3, 1) }], records: txtRecord('_x', 'v') },
    { apex: 'silent.test', servers: [{ host: 'ns1.silent.test', address: labAddress(NET, 4, 1) }], records: txtRecord('_x', 'v') },
    { apex: 'lame.test', servers: [{ host: 'ns1.lame.test', address: labAddress(NET, 5, 1) }], records: txtRecord('_x', 'v'), parentNs: [{ host: 'ns1.lame.test', address: labAddress(NET, 2, 1) }] },
  ] }) })
  try {
    await lab.stopServer(labAddress(NET, 3, 1), { mode: 'unreachable' })
    await lab.stopServer(labAddress(NET, 4, 1), { mode: 'silent' })
    for (const z of ['killed', 'silent', 'lame', 'killed', 'silent']) {
      const t = Date.now()
      const r = await dig(lab.resolver().address, `_x.${z}.test`, 'TXT', ['+time=20', '+tries=1'])
      console.log(z, r.status, Date.now() - t, r.ede)
    }
  } finally { await lab.stop() }
}, 120000)
