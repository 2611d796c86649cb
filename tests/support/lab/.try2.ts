import { startLab, buildHierarchy, labAddress } from './index'
const NET = 98
const zones = [
  { apex: 'example.test', servers: [{ host: 'ns1.example.test', address: labAddress(NET,2,1) }, { host: 'ns2.example.test', address: labAddress(NET,2,2) }] },
  { apex: 'glueless.test', servers: [{ host: 'ns-g.example.test', address: labAddress(NET,3,1) }] },
]
const lab = await startLab({ net: NET, servers: buildHierarchy({ net: NET, tld: 'test', zones }) })
const { readFileSync } = await import('node:fs')
for (const s of lab.servers) console.log(s.address, readFileSync(s.logPath, 'utf8').split('\n').filter(Boolean).map(l => l.slice(18, 23) + ' ' + l.slice(l.indexOf(']:') + 3, l.indexOf(']:') + 40)).join(' | '))
await lab.stop()
