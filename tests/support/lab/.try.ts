import { startLab, buildHierarchy, labAddress, resolverAddress } from './index'
const NET = 98
const zones = [
  { apex: 'example.test', servers: [{ host: 'ns1.example.test', address: labAddress(NET,2,1) }, { host: 'ns2.example.test', address: labAddress(NET,2,2) }] },
  { apex: 'glueless.test', servers: [{ host: 'ns-g.example.test', address: labAddress(NET,3,1) }] },
]
try { await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }), resolvers: [{ address: resolverAddress(NET), serverOptions: ['no-such-option: yes'] }] }) } catch (e) { console.log((e as Error).message) }
for (const dnssec of ['none', 'none', 'none', 'valid'] as const) {
  const t0 = performance.now()
  const lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones: zones.map(z => ({...z, dnssec})) }), resolvers: [{ address: resolverAddress(NET, 1) }, { address: resolverAddress(NET, 2) }] })
  const t1 = performance.now()
  await lab.stop()
  console.log(dnssec, 'start', Math.round(t1 - t0), 'ms; stop', Math.round(performance.now() - t1), 'ms')
}
