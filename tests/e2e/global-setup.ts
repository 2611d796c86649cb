// Starts, once for all specs: (a) the private DNS lab on 127.70.0.0/16 (NSD for root, TLD and the zones in
// lab-zones.ts, Unbound as the only resolver) and (b) the browser-mode bridge on the built renderer, pointed at the
// lab's root. Specs find the bridge through E2E_* environment variables. The renderer must be built (`npm run
// build`, which `npm run test:e2e` runs); the bridge (out/node/web.cjs) is rebuilt here when its sources changed, so
// no run tests a stale bridge. Returns the teardown.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildNodeIfStale } from '../../scripts/build-node.mjs'
import { buildHierarchy, labAvailability, LAB_INSTALL_HINT, startLab, type Lab } from '../support/lab'
import { BLIND_RESOLVERS, E2E_NET, LAB_RESOLVER, ROOT, ZONES } from './lab-zones'

const repo = resolve(import.meta.dirname, '../..')

function startBridgeProcess(dataDir: string): Promise<{ child: ChildProcess; pageUrl: string }> {
  const child = spawn(
    process.execPath,
    [join(repo, 'out/node/web.cjs'), '--root', ROOT, '--no-open', '--data-dir', dataDir],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], detached: true }
  )
  return new Promise((resolvePage, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`The bridge did not start within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePage({ child, pageUrl: match[1]! })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The bridge exited with code ${code}:\n${output}`))
    })
  })
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(repo, 'out/renderer/index.html'))) {
    throw new Error('No built renderer in out/renderer: run `npm run build` before `npx playwright test`.')
  }
  await buildNodeIfStale()
  const availability = await labAvailability(E2E_NET)
  if (!availability.ok) throw new Error(`The DNS lab cannot run here: ${availability.reason}. Fix: ${LAB_INSTALL_HINT}.`)

  const lab: Lab = await startLab({
    net: E2E_NET,
    servers: buildHierarchy({ net: E2E_NET, tld: 'test', zones: ZONES }),
    resolvers: [
      { address: LAB_RESOLVER },
      // Resolvers that cannot see the domain: they answer "no such name" for the whole TLD, without an SOA, as a
      // company DNS or an intercepting network does.
      ...BLIND_RESOLVERS.map((address) => ({ address, serverOptions: ['local-zone: "test." always_nxdomain'] }))
    ]
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsverify-e2e-'))
  let bridge: { child: ChildProcess; pageUrl: string }
  try {
    bridge = await startBridgeProcess(dataDir)
  } catch (error) {
    await lab.stop()
    throw error
  }
  const url = new URL(bridge.pageUrl)
  process.env['E2E_ORIGIN'] = url.origin
  process.env['E2E_TOKEN'] = url.searchParams.get('token') ?? ''
  process.env['E2E_RESOLVER'] = lab.resolver(LAB_RESOLVER).address
  process.env['E2E_ROOT'] = ROOT
  // For specs that put something unreadable in the data folder, as a crash or a bad disk would leave it.
  process.env['E2E_DATA_DIR'] = dataDir

  return async () => {
    try {
      process.kill(-bridge.child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
    await lab.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
