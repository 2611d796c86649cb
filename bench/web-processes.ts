/**
 * What `npm run web` leaves running once the app is up: the processes of its process group (npm
 * itself, and whatever its script started that is still alive), with their resident memory.
 * The target is one node process beside npm's own: the bridge, with no launcher (npm exec, tsx)
 * kept resident beside it. Linux only (reads /proc).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const repo = resolve(import.meta.dirname, '..')
const START_TIMEOUT_MS = 300_000

export interface ResidentProcess {
  pid: number
  command: string
  rssMiB: number
}

export interface WebProcessesResult {
  /** npm's own process (the one `npm run` starts as). */
  npm: ResidentProcess
  /** Every other process of the group still running once the address is printed. */
  others: ResidentProcess[]
}

function processGroupMembers(pgid: number): ResidentProcess[] {
  const members: ResidentProcess[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the command name (which may hold spaces and parentheses): state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[2]) !== pgid) continue
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ')
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0)
      members.push({ pid: Number(entry), command, rssMiB: rssKiB / 1024 })
    } catch {
      // gone while we looked
    }
  }
  return members
}

export async function benchWebProcesses(): Promise<WebProcessesResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dnsverify-bench-web-'))
  const child = spawn('npm', ['run', 'web', '--', '--no-open', '--data-dir', dataDir], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true // its own process group, so every process it starts can be found and stopped
  })
  try {
    await new Promise<void>((resolveStarted, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`npm run web did not print its address in time:\n${output}`)), START_TIMEOUT_MS)
      const onData = (chunk: Buffer): void => {
        output += chunk.toString()
        if (/http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(output)) {
          clearTimeout(timer)
          resolveStarted()
        }
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`npm run web exited with code ${code}:\n${output}`))
      })
    })
    // Let anything that is on its way out finish exiting.
    await new Promise((r) => setTimeout(r, 1000))
    const members = processGroupMembers(child.pid!)
    const npm = members.find((p) => p.pid === child.pid)
    if (!npm) throw new Error('npm run web is no longer running')
    return { npm, others: members.filter((p) => p.pid !== child.pid) }
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 500))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
