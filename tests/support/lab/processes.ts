// Starting and stopping the lab's daemons so that none outlives the test run: a stray NSD keeps
// 127.<net>.0.1:53 bound and the next run of the same test file fails with "address in use".

import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { accessSync, closeSync, constants, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'

// Daemons live in /usr/sbin, which is not on every user's PATH.
const EXTRA_BINARY_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin']

export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_BINARY_DIRS].filter((dir) => dir !== '')
  for (const dir of dirs) {
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

export function requireBinary(name: string, aptPackage: string): string {
  const path = findBinary(name)
  if (!path) throw new Error(`'${name}' is not installed (apt-get install ${aptPackage}).`)
  return path
}

export interface Daemon {
  /** Also the process group id: daemons run in their own group so that signals reach their worker children. */
  readonly pid: number
  readonly logPath: string
  /** Why it is no longer running, or undefined while it runs. */
  exitReason(): string | undefined
  /** Signals the whole group (NSD answers from forked children, so SIGSTOP on the parent alone would not silence it). */
  signal(signal: NodeJS.Signals): void
  kill(): Promise<void>
}

export interface DaemonOptions {
  logPath: string
  cwd: string
  groups: ProcessGroupRegistry
}

/**
 * The process groups a lab runs, mirrored in a file for the reaper (see startReaper). Only live groups
 * are listed, so a late kill can never hit an unrelated process that reused a dead group's id.
 */
export class ProcessGroupRegistry {
  private readonly pids = new Set<number>()

  constructor(readonly listPath: string) {
    writeFileSync(listPath, '')
  }

  add(pid: number): void {
    this.pids.add(pid)
    this.save()
  }

  remove(pid: number): void {
    this.pids.delete(pid)
    this.save()
  }

  /** SIGKILL to every group, synchronously (usable in an 'exit' hook). */
  killAllNow(): void {
    for (const pid of this.pids) {
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    this.pids.clear()
  }

  private save(): void {
    writeFileSync(this.listPath, [...this.pids].map((pid) => `${pid}\n`).join(''))
  }
}

/** Spawns a foreground daemon in its own process group, stdout and stderr appended to `logPath`. */
export function spawnDaemon(binary: string, args: string[], options: DaemonOptions): Daemon {
  const logFd = openSync(options.logPath, 'a')
  let child: ChildProcess
  try {
    child = spawn(binary, args, { cwd: options.cwd, detached: true, stdio: ['ignore', logFd, logFd] })
  } finally {
    closeSync(logFd)
  }
  let exit: string | undefined
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ? `killed by ${signal}` : `exited with code ${code}`
      resolve()
    })
    child.once('error', (error) => {
      exit = `could not start: ${error.message}`
      resolve()
    })
  })
  child.unref() // a forgotten lab must not keep the test worker alive; the exit hooks below still kill it
  const pid = child.pid
  if (pid === undefined) throw new Error(`Could not start ${binary} ${args.join(' ')}.`)
  options.groups.add(pid)

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal)
    } catch {
      // the group is already gone
    }
  }
  return {
    pid,
    logPath: options.logPath,
    exitReason: () => exit,
    signal: signalGroup,
    kill: async () => {
      child.ref() // awaiting the exit must keep the event loop alive
      signalGroup('SIGKILL') // works on stopped (SIGSTOP) processes too, and frees the port at once
      await exited
      options.groups.remove(pid)
    }
  }
}

const exitCleanups = new Set<() => void>()
let exitHookInstalled = false

/** Runs `cleanup` (synchronously) if the process exits before it is unregistered. */
export function registerExitCleanup(cleanup: () => void): () => void {
  if (!exitHookInstalled) {
    process.once('exit', () => {
      for (const fn of exitCleanups) fn()
    })
    exitHookInstalled = true
  }
  exitCleanups.add(cleanup)
  return () => exitCleanups.delete(cleanup)
}

/**
 * A detached shell that outlives us: when the test process dies without running its 'exit' hooks
 * (SIGKILL, a worker terminated by signal), it kills every group in `groupListPath`, removes `dir`,
 * then frees the net lock (only then may another run use the addresses). The lock must be JSON with
 * the test process id as "pid" (see net-lock.ts).
 */
export function startReaper(groupListPath: string, dir: string, lockPath: string): ChildProcess {
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 0.5; done',
    // dash's kill takes no '--'; '-9 -PID' is its way to signal a whole process group.
    'while read -r pid; do kill -9 "-$pid" 2>/dev/null; done < "$2"',
    'rm -rf -- "$3"',
    // The lock may belong to another run if we died while still waiting for it: remove only our own.
    'if grep -qE "\\"pid\\":$1[,}]" "$4" 2>/dev/null; then rm -f -- "$4"; fi'
  ].join('\n')
  const args = ['-c', script, 'lab-reaper', String(process.pid), groupListPath, dir, lockPath]
  const reaper = spawn('/bin/sh', args, { detached: true, stdio: 'ignore' })
  reaper.unref()
  return reaper
}

export interface CommandResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a short command to completion; never throws for a non-zero exit (the caller decides). */
export function runCommand(binary: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      binary,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 10_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        resolve({ code, stdout, stderr: error && code === -1 ? `${stderr}${error.message}` : stderr })
      }
    )
  })
}

/** Like runCommand, but a non-zero exit becomes an error that shows the command and its output. */
export async function runCommandOrThrow(binary: string, args: string[], options: { cwd?: string } = {}): Promise<CommandResult> {
  const result = await runCommand(binary, args, options)
  if (result.code !== 0) {
    throw new Error(`${binary} ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr}${result.stdout}`)
  }
  return result
}

/** Pids of the processes of a process group that are still running (zombies excluded). Linux only: reads /proc. */
export function livingGroupMembers(groupPid: number): number[] {
  const members: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // exited while we looked
    }
    // "pid (comm) state ppid pgrp …"; comm may contain spaces and parentheses, so parse after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === groupPid && state !== 'Z' && state !== 'X') members.push(Number(entry))
  }
  return members
}
