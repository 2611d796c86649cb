/**
 * A full diagnosis against servers that each add a fixed delay, compared with the sum of the
 * delays on its critical path: root → TLD → zone (three round trips), then every authoritative
 * server and resolver at once (one). Target from the diagnosis issue: ≤ 1.3×.
 */
import { performance } from 'node:perf_hooks'
import { runDiagnosis } from '../src/main/diagnosis/run-diagnosis'
import { startDelayedHierarchy } from './delayed-hierarchy'
import { quantile } from './client-vs-cares'

const DELAY_MS = 50
const CRITICAL_ROUND_TRIPS = 4
const RUNS = 7

export async function benchDiagnosisCriticalPath(): Promise<{ medianMs: number; criticalPathMs: number; verdicts: string[]; queries: number[] }> {
  const lab = await startDelayedHierarchy(DELAY_MS, 'bench-token')
  try {
    const times: number[] = []
    const verdicts: string[] = []
    const queries: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const before = lab.received().length
      const t = performance.now()
      const report = await runDiagnosis({
        domains: ['www.bench.test'],
        host: '_dnsauth',
        type: 'TXT',
        value: 'bench-token',
        ca: 'digicert',
        resolvers: lab.resolvers,
        roots: lab.roots,
        authPort: lab.port,
        timeoutMs: 2000
      })
      times.push(performance.now() - t)
      verdicts.push(report.verdict)
      queries.push(lab.received().length - before)
    }
    return { medianMs: quantile(times, 0.5), criticalPathMs: DELAY_MS * CRITICAL_ROUND_TRIPS, verdicts, queries }
  } finally {
    await lab.stop()
  }
}
