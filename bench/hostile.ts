/**
 * Hostile servers (issue 10): how long one check can be held by a hostile delegation (200 glueless name servers
 * whose zone's only server never answers), and how responsive the browser-mode bridge stays while 200 diagnoses
 * run against servers that send 65 KB TCP answers full of chained compression pointers.
 *
 * The bridge runs as its own process (the built `out/node/web.cjs`, as `npm run web` starts it); the DNS servers and
 * the client that times `settings:get` run here. Its baseline is the same call on the same bridge when idle.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { formatReport } from '../src/main/diagnosis/format-report'
import { runDiagnosis } from '../src/main/diagnosis/run-diagnosis'
import { formatTrace } from '../src/main/dns/format-trace'
import { createIterativeResolver } from '../src/main/dns/iterative'
import { startHostileDelegation, startLargeAnswers } from '../tests/support/hostile-servers'
import { quantile } from './client-vs-cares'

const repo = resolve(import.meta.dirname, '..')

export interface HostileDelegationFigures {
  traceMs: number
  diagnoseMs: number
  worstMs: number
  traceTextBytes: number
  reportTextBytes: number
  findingsJsonBytes: number
  verdict: string
}

/** `trace` and `diagnose` of a name under the hostile delegation, with default settings, at the same time. */
export async function benchHostileDelegation(): Promise<HostileDelegationFigures> {
  const lab = await startHostileDelegation(200)
  try {
    const trace = (async () => {
      const t = performance.now()
      const result = await createIterativeResolver({ rootServers: [lab.root], authPort: lab.port }).resolve('_dnsauth.hostile.test', 'TXT')
      return { ms: performance.now() - t, text: formatTrace(result) }
    })()
    const diagnose = (async () => {
      const t = performance.now()
      const report = await runDiagnosis({
        domains: ['www.hostile.test'],
        host: '_dnsauth',
        type: 'TXT',
        value: 'bench-token',
        roots: [lab.root],
        authPort: lab.port,
        // The silent server as the only resolver: it never answers either.
        resolvers: [`127.0.0.203:${lab.port}`]
      })
      return { ms: performance.now() - t, report }
    })()
    const [t, d] = await Promise.all([trace, diagnose])
    return {
      traceMs: t.ms,
      diagnoseMs: d.ms,
      worstMs: Math.max(t.ms, d.ms),
      traceTextBytes: Buffer.byteLength(t.text),
      reportTextBytes: Buffer.byteLength(formatReport(d.report)),
      findingsJsonBytes: Buffer.byteLength(JSON.stringify(d.report.findings)),
      verdict: d.report.verdict
    }
  } finally {
    await lab.close()
  }
}

export interface BridgeLoadFigures {
  idleMedianMs: number
  idleP95Ms: number
  loadedMedianMs: number
  loadedP95Ms: number
  loadedMaxMs: number
  samples: number
  diagnosesStarted: number
  diagnosesFinished: number
  windowMs: number
}

const CONCURRENT_DIAGNOSES = 200
/** How long `settings:get` is timed under load (or until every diagnosis has finished). */
const LOAD_WINDOW_MS = 20_000

export async function benchBridgeUnderLoad(): Promise<BridgeLoadFigures> {
  const lab = await startLargeAnswers()
  const dir = mkdtempSync(join(tmpdir(), 'dnsverify-bench-bridge-'))
  const rendererDir = join(dir, 'renderer')
  await import('node:fs/promises').then((fs) => fs.mkdir(rendererDir))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>')
  const bridge = await startBridgeProcess(['--root', lab.root, '--auth-port', String(lab.port), '--data-dir', join(dir, 'data'), '--renderer-dir', rendererDir])
  try {
    const call = (channel: string, input: unknown) => post(bridge.origin, bridge.token, channel, input)
    for (let i = 0; i < 5; i++) await call('settings:get', null) // warm-up
    const idle: number[] = []
    for (let i = 0; i < 30; i++) idle.push(await timed(() => call('settings:get', null)))

    let finished = 0
    const input = {
      domains: ['www.big.test'],
      host: '_dnsauth',
      type: 'TXT',
      value: 'bench-token',
      resolvers: [lab.resolver],
      timeoutMs: 5000
    }
    const runs = Array.from({ length: CONCURRENT_DIAGNOSES }, () =>
      call('diagnosis:run', input).then(
        () => finished++,
        () => finished++
      )
    )
    const loaded: number[] = []
    const started = performance.now()
    await sleep(200) // let the diagnoses get going
    while (performance.now() - started < LOAD_WINDOW_MS && finished < CONCURRENT_DIAGNOSES) {
      loaded.push(await timed(() => call('settings:get', null)))
      await sleep(50)
    }
    const windowMs = performance.now() - started
    void Promise.allSettled(runs)
    return {
      idleMedianMs: quantile(idle, 0.5),
      idleP95Ms: quantile(idle, 0.95),
      loadedMedianMs: quantile(loaded, 0.5),
      loadedP95Ms: quantile(loaded, 0.95),
      loadedMaxMs: Math.max(...loaded),
      samples: loaded.length,
      diagnosesStarted: CONCURRENT_DIAGNOSES,
      diagnosesFinished: finished,
      windowMs
    }
  } finally {
    await stopProcess(bridge.child)
    await lab.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

/** One API call on its own connection (no pooling: 200 calls at once must not queue in the client). */
function post(origin: string, token: string, channel: string, input: unknown): Promise<unknown> {
  const url = new URL(`/api/${channel}`, origin)
  const body = JSON.stringify(input)
  return new Promise((resolvePost, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          try {
            resolvePost(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          } catch (e) {
            reject(e)
          }
        })
        res.on('error', reject)
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

function startBridgeProcess(args: string[]): Promise<{ child: ChildProcess; origin: string; token: string }> {
  // The built bridge, as `npm run web` runs it (scripts/web.mjs): under tsx, modules a diagnosis loads first were
  // transpiled in the middle of the timed window, and those stalls are not the user's.
  const bridge = join(repo, 'out/node/web.cjs')
  if (!existsSync(bridge)) throw new Error('No built bridge in out/node (run npm run build first)')
  const child = spawn(process.execPath, ['-e', 'require(process.argv[1]).runWeb(process.argv.slice(2)).then((code) => process.exit(code))', bridge, '--no-open', ...args], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolveStart, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`The bridge did not start within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveStart({ child, origin: match[1]!, token: match[2]! })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', () => undefined) // the bridge logs failed checks there; not needed here
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`The bridge exited with code ${code}:\n${output}`))
    })
  })
}

/** SIGTERM, then SIGKILL if it is still there after 5 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}
