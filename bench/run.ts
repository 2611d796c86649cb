/**
 * `npm run bench`: performance figures as ratios against a baseline measured in the same run.
 * Not a test: nothing here fails on a slow machine; it prints what it measured.
 * `npm run bench -- client|diagnosis|queries|hostile|cli|web|renderer` runs one part.
 */
import { benchCliStart } from './cli-start'
import { benchClientVsCares } from './client-vs-cares'
import { benchDiagnosisCriticalPath } from './diagnosis-critical-path'
import { benchBridgeUnderLoad, benchHostileDelegation } from './hostile'
import { benchQueryEconomy } from './query-economy'
import { benchRenderer, builtRendererExists } from './renderer'
import { benchWebProcesses } from './web-processes'

function ratio(a: number, b: number): string {
  return (a / b).toFixed(2) + '×'
}

/** "ok" or "OVER" against a target, so a missed target stands out in the output. */
function verdict(met: boolean): string {
  return met ? 'ok' : 'OVER'
}

async function main(): Promise<void> {
  const only = process.argv[2]
  if (!only || only === 'client') {
    console.log('DNS client vs Node c-ares (dns.Resolver), same local NSD, fresh name and fresh source port per query')
    const r = await benchClientVsCares()
    const p95 = r.ours.p95Ms / r.cares.p95Ms
    console.log(`  latency median  ours ${r.ours.medianMs.toFixed(3)} ms  c-ares ${r.cares.medianMs.toFixed(3)} ms  ratio ${ratio(r.ours.medianMs, r.cares.medianMs)} (target ≤ 1.10×)`)
    console.log(`  latency p95     ours ${r.ours.p95Ms.toFixed(3)} ms  c-ares ${r.cares.p95Ms.toFixed(3)} ms  ratio ${p95.toFixed(2)}× (target ≤ 1.20×) ${verdict(p95 <= 1.2)}`)
    console.log(`  throughput      ours ${r.ours.qps.toFixed(0)} q/s  c-ares ${r.cares.qps.toFixed(0)} q/s  ratio ${ratio(r.ours.qps, r.cares.qps)} (informational: a fresh socket per query is the price of a fresh source port)`)
    console.log(`  cold median     ours ${r.ours.coldMedianMs.toFixed(3)} ms  c-ares ${r.cares.coldMedianMs.toFixed(3)} ms  ratio ${ratio(r.ours.coldMedianMs, r.cares.coldMedianMs)} (first 200 queries, before warm-up; no target)`)
  }
  if (!only || only === 'diagnosis') {
    console.log('Full diagnosis vs its critical path (every server adds 50 ms; root → TLD → zone → all in parallel)')
    const d = await benchDiagnosisCriticalPath()
    console.log(`  median ${d.medianMs.toFixed(1)} ms  critical path ${d.criticalPathMs} ms  ratio ${ratio(d.medianMs, d.criticalPathMs)} (target ≤ 1.30×)  verdicts: ${[...new Set(d.verdicts)].join(', ')}  queries per run: ${[...new Set(d.queries)].join(', ')}`)
  }
  if (!only || only === 'queries') {
    console.log('Queries one diagnosis sends (counted where the fixture servers receive them, and by the client; one resolver)')
    const counts = await benchQueryEconomy()
    for (const q of counts) {
      const n = q.domains.length
      const what = q.target === null ? `1 domain, value wrong (near-miss probes)` : n === 1 ? `1 domain (${q.domains[0]})` : `N=${n} domains (${q.domains.join(', ')})`
      const target = q.target === null ? 'no target' : n === 1 ? `target ≤ 12` : `target ≤ 8+4N=${q.target}`
      console.log(`  queries for ${what}: ${q.received} (${target}; client counted ${q.sent}); dig by hand ${q.byHand}, ratio ${ratio(q.received, q.byHand)}  verdict: ${q.verdict}`)
    }
    const [one, three] = counts
    if (one && three) {
      // Each further domain of the zone costs the same: where 1 + (N − 1) × that crosses 8 + 4N.
      const perDomain = (three.received - one.received) / 2
      const byHand = (three.byHand - one.byHand) / 2
      const upTo = Math.floor((8 - one.received + perDomain) / (perDomain - 4))
      const holds = perDomain <= 4 ? 'for every N' : upTo >= 1 ? `up to N=${upTo}` : 'for no N'
      console.log(`  each further domain of the zone adds ${perDomain} (by hand ${byHand}): 8+4N holds ${holds}`)
    }
  }
  if (!only || only === 'cli') {
    console.log('dnsverify cold start vs node -e 0 (whole process, paired runs, medians; query answered by a local NSD)')
    const c = await benchCliStart()
    const b = c.baseline
    const qWall = c.query.wallMs / b.wallMs
    const qCpu = c.query.cpuMs / b.cpuMs
    const hWall = c.help.wallMs / b.wallMs
    const hCpu = c.help.cpuMs / b.cpuMs
    console.log(`  node -e 0        wall ${b.wallMs.toFixed(0)} ms  CPU ${b.cpuMs.toFixed(0)} ms  peak RSS ${b.peakRssMiB.toFixed(1)} MiB`)
    console.log(`  query   wall ${c.query.wallMs.toFixed(0)} ms ratio ${qWall.toFixed(2)}×  CPU ${c.query.cpuMs.toFixed(0)} ms ratio ${qCpu.toFixed(2)}× (target ≤ 1.50×) ${verdict(qWall <= 1.5 && qCpu <= 1.5)}`)
    console.log(`  query   peak RSS ${c.query.peakRssMiB.toFixed(1)} MiB (target ≤ 60 MiB) ${verdict(c.query.peakRssMiB <= 60)}`)
    console.log(`  --help  wall ${c.help.wallMs.toFixed(0)} ms ratio ${hWall.toFixed(2)}×  CPU ${c.help.cpuMs.toFixed(0)} ms ratio ${hCpu.toFixed(2)}× (target ≤ 1.30×) ${verdict(hWall <= 1.3 && hCpu <= 1.3)}`)
  }
  if (!only || only === 'web') {
    console.log('npm run web: processes left running once the address is printed (npm itself aside)')
    const w = await benchWebProcesses()
    const nodes = w.others.filter((p) => /(^|\/)node(\s|$)/.test(p.command))
    const total = w.npm.rssMiB + w.others.reduce((sum, p) => sum + p.rssMiB, 0)
    console.log(`  npm ${w.npm.rssMiB.toFixed(0)} MiB; beside it: ${w.others.map((p) => `${p.command.slice(0, 70)} (${p.rssMiB.toFixed(0)} MiB)`).join('; ') || 'nothing'}`)
    console.log(`  node processes beside npm: ${nodes.length} (target 1) ${verdict(nodes.length === 1)}; resident in all ${total.toFixed(0)} MiB`)
  }
  if (!only || only === 'hostile') {
    console.log('Hostile delegation: 200 glueless name servers whose zone\'s only server never answers (default settings)')
    const h = await benchHostileDelegation()
    console.log(`  trace ${(h.traceMs / 1000).toFixed(1)} s  diagnose ${(h.diagnoseMs / 1000).toFixed(1)} s  worst ${(h.worstMs / 1000).toFixed(1)} s  target ≤ 35 s  ratio ${ratio(h.worstMs, 35_000)} of target  (before the fix: 268 s)`)
    console.log(`  output: trace text ${h.traceTextBytes} B, diagnose text ${h.reportTextBytes} B, findings JSON ${h.findingsJsonBytes} B  verdict: ${h.verdict}`)
    console.log('Bridge settings:get while 200 diagnoses get 65 KB TCP answers of chained compression pointers')
    const b = await benchBridgeUnderLoad()
    console.log(`  idle      median ${b.idleMedianMs.toFixed(1)} ms  p95 ${b.idleP95Ms.toFixed(1)} ms (baseline)`)
    console.log(`  loaded    median ${b.loadedMedianMs.toFixed(1)} ms  p95 ${b.loadedP95Ms.toFixed(1)} ms  max ${b.loadedMaxMs.toFixed(1)} ms  target max ≤ 200 ms  ratio ${ratio(b.loadedMaxMs, b.idleMedianMs)} of idle median`)
    console.log(`  ${b.samples} samples over ${(b.windowMs / 1000).toFixed(1)} s; ${b.diagnosesFinished} of ${b.diagnosesStarted} diagnoses finished in that time`)
  }
  if (!only || only === 'renderer') {
    console.log('Renderer: initial JavaScript and time to an interactive step 1 (headless Debian Chromium, browser mode)')
    if (!builtRendererExists()) {
      console.log('  skipped: no built renderer in out/renderer (run npm run build first)')
    } else {
      const r = await benchRenderer()
      // kB as Vite prints them and the target is written (1 kB = 1000 bytes), the stricter reading.
      const kb = r.initialJsGzipBytes / 1000
      const step1 = r.appMs / r.baselineMs
      console.log(`  initial JS ${kb.toFixed(1)} kB gzip (target ≤ 130 kB) ${verdict(kb <= 130)}`)
      console.log(`  page load → step 1 accepts input: ${r.appMs.toFixed(0)} ms median; minimal page on the same bridge ${r.baselineMs.toFixed(0)} ms; ratio ${step1.toFixed(2)}× (target ≤ 1.50×) ${verdict(step1 <= 1.5)}`)
    }
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
