/**
 * Cold start of the `dnsverify` command line, whole process, against `node -e 0` in the same run:
 * wall time and CPU time (user + system) of `dnsverify query` (answered by a local NSD) and
 * `dnsverify --help`, and the peak RSS of `dnsverify query`.
 *
 * Runs are paired (baseline, then subject, alternating) so drift in machine load hits both alike;
 * figures are medians. Wall and CPU come from bash's `time` keyword (getrusage of the child, ms
 * resolution; bash's own start is outside it); peak RSS from GNU time's %M in separate runs, so its
 * extra fork does not count in the timings. Needs NSD and GNU time (apt-get install nsd time).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { quantile } from './client-vs-cares'
import { startLocalNsd } from './local-nsd'

const repo = resolve(import.meta.dirname, '..')
const PAIRS = 15
const RSS_RUNS = 5

export interface StartFigures {
  wallMs: number
  cpuMs: number
}

export interface CliStartResult {
  baseline: StartFigures & { peakRssMiB: number }
  query: StartFigures & { peakRssMiB: number }
  help: StartFigures
}

interface Timing {
  wallMs: number
  cpuMs: number
}

/** One run of `argv` under bash's `time`: wall and user+system CPU of the child, in ms. */
function timeOnce(argv: string[]): Timing {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%3R %3U %3S'; time ${quoted} >/dev/null 2>&1`], { cwd: repo, encoding: 'utf8' })
  const m = /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr)
  if (!m) throw new Error(`could not time ${argv.join(' ')}: ${r.stderr}`)
  return { wallMs: Number(m[1]) * 1000, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 }
}

/** Peak resident set of one run of `argv`, in MiB (GNU time's %M is in KiB). */
function peakRssOnce(argv: string[]): number {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { cwd: repo, encoding: 'utf8' })
  const m = /(\d+)\s*$/.exec(r.stderr)
  if (!m) throw new Error(`could not measure ${argv.join(' ')}: ${r.stderr}`)
  return Number(m[1]) / 1024
}

function medians(runs: Timing[]): StartFigures {
  return { wallMs: quantile(runs.map((r) => r.wallMs), 0.5), cpuMs: quantile(runs.map((r) => r.cpuMs), 0.5) }
}

/** The exit status and output of one run, so a broken command is reported instead of timed. */
function checkRuns(argv: string[], expectInStdout: string): void {
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: repo, encoding: 'utf8' })
  if (r.status !== 0 || !r.stdout.includes(expectInStdout)) {
    throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`)
  }
}

export async function benchCliStart(): Promise<CliStartResult> {
  try {
    execFileSync('/usr/bin/time', ['-f', '%M', 'true'], { stdio: 'ignore' })
  } catch {
    throw new Error('The benchmark needs GNU time: apt-get install time')
  }
  const server = await startLocalNsd('* TXT "bench-value"')
  try {
    const node = process.execPath
    const baselineArgv = [node, '-e', '0']
    const queryArgv = [node, 'bin/dnsverify.js', 'query', 'cold.bench.test', 'TXT', '--server', `${server.host}:${server.port}`]
    const helpArgv = [node, 'bin/dnsverify.js', '--help']
    checkRuns(queryArgv, 'bench-value')
    checkRuns(helpArgv, 'Usage')

    // One of each first, so the file system cache holds every file all runs read.
    timeOnce(baselineArgv)
    timeOnce(queryArgv)
    timeOnce(helpArgv)
    const baseline: Timing[] = []
    const query: Timing[] = []
    const help: Timing[] = []
    for (let i = 0; i < PAIRS; i++) {
      baseline.push(timeOnce(baselineArgv))
      query.push(timeOnce(queryArgv))
      help.push(timeOnce(helpArgv))
    }
    const baselineRss: number[] = []
    const queryRss: number[] = []
    for (let i = 0; i < RSS_RUNS; i++) {
      baselineRss.push(peakRssOnce(baselineArgv))
      queryRss.push(peakRssOnce(queryArgv))
    }
    return {
      baseline: { ...medians(baseline), peakRssMiB: quantile(baselineRss, 0.5) },
      query: { ...medians(query), peakRssMiB: quantile(queryRss, 0.5) },
      help: medians(help)
    }
  } finally {
    await server.stop()
  }
}
