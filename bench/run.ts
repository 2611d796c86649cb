/**
 * `npm run bench`: performance figures as ratios against a baseline measured in the same run.
 * Not a test: nothing here fails on a slow machine; it prints what it measured.
 */
import { benchClientVsCares } from './client-vs-cares'
import { benchDiagnosisCriticalPath } from './diagnosis-critical-path'

function ratio(a: number, b: number): string {
  return (a / b).toFixed(2) + '×'
}

async function main(): Promise<void> {
  const only = process.argv[2]
  if (!only || only === 'client') {
    console.log('DNS client vs Node c-ares (dns.Resolver), same local NSD, fresh name per query')
    const r = await benchClientVsCares()
    console.log(`  latency median  ours ${r.ours.medianMs.toFixed(3)} ms  c-ares ${r.cares.medianMs.toFixed(3)} ms  ratio ${ratio(r.ours.medianMs, r.cares.medianMs)} (target ≤ 1.10×)`)
    console.log(`  latency p95     ours ${r.ours.p95Ms.toFixed(3)} ms  c-ares ${r.cares.p95Ms.toFixed(3)} ms  ratio ${ratio(r.ours.p95Ms, r.cares.p95Ms)} (target ≤ 1.10×)`)
    console.log(`  throughput      ours ${r.ours.qps.toFixed(0)} q/s  c-ares ${r.cares.qps.toFixed(0)} q/s  ratio ${ratio(r.ours.qps, r.cares.qps)} (target ≥ 0.90×)`)
    console.log(`  cold median     ours ${r.ours.coldMedianMs.toFixed(3)} ms  c-ares ${r.cares.coldMedianMs.toFixed(3)} ms  ratio ${ratio(r.ours.coldMedianMs, r.cares.coldMedianMs)} (first 200 queries, before warm-up; no target)`)
  }
  if (!only || only === 'diagnosis') {
    console.log('Full diagnosis vs its critical path (every server adds 50 ms; root → TLD → zone → all in parallel)')
    const d = await benchDiagnosisCriticalPath()
    console.log(`  median ${d.medianMs.toFixed(1)} ms  critical path ${d.criticalPathMs} ms  ratio ${ratio(d.medianMs, d.criticalPathMs)} (target ≤ 1.30×)  verdicts: ${[...new Set(d.verdicts)].join(', ')}`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
