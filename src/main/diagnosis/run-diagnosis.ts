import { performance } from 'node:perf_hooks'
import type { DiagnoseInput, DiagnosisReport, RecordReport } from '../../shared/diagnosis-types'
import { deriveVerdict, worstVerdict, type Finding } from '../../shared/findings'
import { tryExchange, type Exchanger } from '../dns/exchange'
import { createIterativeResolver } from '../dns/iterative'
import { startDeadline } from '../dns/deadline'
import { createQueryCache } from '../dns/query-cache'
import { listResolverPresets, parseResolverSpec, presetTargets, systemResolverTargets, type ResolverTarget } from '../dns/resolvers'
import { parseServerAddress } from '../../shared/server-address'
import { normalizeDiagnoseInput, type NormalizedInput } from './input'
import { gatherObservations, type Observations } from './observe'
import { readResolvers } from './rules/resolver-view'
import { runRules } from './run-rules'

export interface RunDiagnosisOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
  /** The previous report of the same check (the watch loop's), to tell a cache wait that ran out. */
  previous?: DiagnosisReport | null
  /** Sends every query of the run (default tryExchange); tests and the bench wrap it to count them. */
  exchange?: Exchanger
  /** A platform's own name servers, instead of the provider catalog's (a lab's stand-in for a real platform). */
  platformNameservers?: (platformId: string) => readonly string[]
}

/**
 * One complete diagnosis: validates the input (InputError names the bad field), observes the
 * domain's delegation, authoritative servers, near-miss names, resolvers and CAA in parallel
 * with one shared query cache, runs the rules, and derives the verdict from the findings.
 */
export async function runDiagnosis(raw: DiagnoseInput, options: RunDiagnosisOptions = {}): Promise<DiagnosisReport> {
  const input = normalizeDiagnoseInput(raw)
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const obs = await observeUnderDeadline(input, options)
  const findings = runRules(obs)
  const readings = readResolvers(obs)
  const records = recordReports(obs, findings)
  const verdict = worstVerdict(records.map((r) => r.verdict))
  const pending = findings.filter((f) => f.id === 'propagation.pending' || f.id === 'propagation.negative_cached')
  return {
    input: raw,
    records,
    placements: obs.placements,
    verdict,
    findings,
    authoritative: obs.authoritative,
    // Each resolver row says what its answer means, so every view (table, CLI, report) reads it the same way.
    resolvers: readings.map(({ observation, reading }) => ({ ...observation, reading: reading.kind })),
    caa: obs.caa,
    zones: obs.zones,
    nearMisses: obs.nearMisses,
    dnssec: obs.dnssec,
    atPlatform: obs.atPlatform,
    provider: obs.provider
      ? { id: obs.provider.provider.id, name: obs.provider.provider.names.en, nameservers: [...new Set(obs.zones.flatMap((z) => z.nameservers))] }
      : null,
    etaSeconds: verdict === 'waiting' && pending.length > 0 ? Math.max(...pending.map((f) => Number(f.params['seconds']) || 0)) : null,
    startedAt,
    elapsedMs: Math.round(performance.now() - started)
  }
}

/**
 * Each record of the order with its own verdict: from the findings about it and those about the whole check
 * (a platform, a server). A record is verified only when its own name is confirmed.
 */
function recordReports(obs: Observations, findings: readonly Finding[]): RecordReport[] {
  return obs.input.records.map((r, i) => {
    const about = findings.flatMap((f, index) => (f.records === undefined || f.records.includes(i) ? [{ f, index }] : []))
    return {
      ...obs.placements[i]!,
      host: r.host,
      type: r.type,
      value: r.value,
      verdict: deriveVerdict(
        about.map((a) => a.f),
        [r.name]
      ),
      findings: about.filter((a) => a.f.records !== undefined).map((a) => a.index)
    }
  })
}

/**
 * The observations, gathered within the check's time limit (input.deadlineMs): when it runs out, every query still
 * waiting is given up on (the limit is one more abort signal), and what was seen by then is returned, marked.
 */
async function observeUnderDeadline(input: NormalizedInput, options: RunDiagnosisOptions): Promise<Observations> {
  const deadline = startDeadline(input.deadlineMs, options.signal)
  try {
    const obs = await observe(input, { ...options, signal: deadline.signal })
    return deadline.reached ? { ...obs, deadlineReachedMs: input.deadlineMs } : obs
  } finally {
    deadline.dispose()
  }
}

export function observe(input: NormalizedInput, options: RunDiagnosisOptions = {}): Promise<Observations> {
  const cache = createQueryCache()
  const exchange = options.exchange ?? tryExchange
  // One resolver per run: its walks share the zone cuts, server addresses and NXDOMAINs they learn.
  const iterative = createIterativeResolver({
    rootServers: input.roots.length > 0 ? input.roots.map((r) => parseServerAddress(r)) : undefined,
    authPort: input.authPort ?? undefined,
    timeoutMs: input.timeoutMs,
    deadlineMs: input.deadlineMs,
    cache,
    exchange
  })
  return gatherObservations(input, {
    iterative,
    resolverTargets: resolverTargetsFor(input.resolvers, input.roots),
    // One cache for the whole run: the same question to the same server is sent once. The key carries
    // the RD, CD and DO bits, because the answer depends on them (DO brings the signatures).
    query: async (question, server, opts) =>
      (
        await cache.get(
          server,
          question.name,
          `${question.type}/rd=${opts.recursionDesired ? 1 : 0}/cd=${opts.checkingDisabled ? 1 : 0}/do=${opts.dnssecOk ? 1 : 0}`,
          () => exchange(question, server, opts)
        )
      ).outcome,
    onProgress: options.onProgress,
    signal: options.signal,
    previous: options.previous ?? null,
    ...(options.platformNameservers ? { platformNameservers: options.platformNameservers } : {})
  })
}

/**
 * The resolvers to ask: as given, or by default the system's plus every public preset. With lab roots none by
 * default: resolvers that start from the real root cannot see a private DNS tree (the user adds the lab's own).
 */
export function resolverTargetsFor(specs: string[] | null, roots: readonly string[] = []): ResolverTarget[] {
  if (specs !== null) return dedupe(specs.flatMap((s) => parseResolverSpec(s).slice(0, 1)))
  if (roots.length > 0) return []
  return dedupe([...systemResolverTargets(), ...listResolverPresets().flatMap((p) => presetTargets(p).slice(0, 1))])
}

function dedupe(targets: ResolverTarget[]): ResolverTarget[] {
  const seen = new Set<string>()
  return targets.filter((t) => {
    const key = `${t.address.host}#${t.address.port}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
