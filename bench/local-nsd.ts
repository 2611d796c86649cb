/**
 * One NSD instance on 127.0.0.1 at a free high port, serving `bench.test` with a wildcard TXT,
 * so every query can ask a fresh name (no client-side cache can answer for either contestant).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface LocalServer {
  host: string
  port: number
  /** Stops NSD and, once it has exited, removes its folder. */
  stop(): Promise<void>
}

export async function startLocalNsd(zoneBody: string, zone = 'bench.test'): Promise<LocalServer> {
  try {
    execFileSync('nsd', ['-v'], { stdio: 'ignore' })
  } catch {
    throw new Error('The benchmark needs NSD: apt-get install nsd')
  }
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'dnsverify-bench-'))
  writeFileSync(
    join(dir, `${zone}.zone`),
    `$ORIGIN ${zone}.\n$TTL 300\n@ SOA ns.${zone}. hostmaster.${zone}. 1 3600 600 86400 300\n@ NS ns.${zone}.\nns A 127.0.0.1\n${zoneBody}\n`
  )
  writeFileSync(
    join(dir, 'nsd.conf'),
    [
      'server:',
      `  ip-address: 127.0.0.1@${port}`,
      '  database: ""',
      '  username: ""',
      `  zonesdir: "${dir}"`,
      `  pidfile: "${join(dir, 'nsd.pid')}"`,
      `  xfrdfile: "${join(dir, 'xfrd.state')}"`,
      `  zonelistfile: "${join(dir, 'zone.list')}"`,
      '  server-count: 1',
      // NSD's response rate limiting would drop a benchmark's burst of same-wildcard answers.
      '  rrl-ratelimit: 0',
      '  verbosity: 0',
      'remote-control:',
      '  control-enable: no',
      'zone:',
      `  name: "${zone}"`,
      `  zonefile: "${zone}.zone"`,
      ''
    ].join('\n')
  )
  const child: ChildProcess = spawn('nsd', ['-d', '-c', join(dir, 'nsd.conf')], { stdio: 'ignore' })
  // NSD writes its state files as it shuts down: the folder is removed once it has exited, else rmSync can meet
  // a file written meanwhile (ENOTEMPTY). At process exit there is no waiting: best effort.
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  const onProcessExit = (): void => {
    child.kill('SIGKILL')
    removeDir()
  }
  process.once('exit', onProcessExit)
  const stop = async (): Promise<void> => {
    process.off('exit', onProcessExit)
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const killLater = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(killLater)
    }
    removeDir()
  }
  await waitForAnswer(port, zone)
  return { host: '127.0.0.1', port, stop }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

async function waitForAnswer(port: number, zone: string): Promise<void> {
  const { tryExchange } = await import('../src/main/dns/exchange')
  for (let i = 0; i < 50; i++) {
    const r = await tryExchange({ name: zone, type: 'SOA' }, `127.0.0.1:${port}`, { timeoutMs: 200, retries: 0 })
    if (r.ok) return
    await new Promise((res) => setTimeout(res, 100))
  }
  throw new Error(`NSD did not answer on 127.0.0.1:${port}`)
}
