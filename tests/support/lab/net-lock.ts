// One lab per net per machine. Two test runs at once (two people on one machine, a watch session
// beside `npm test`) would otherwise start labs on the same addresses, and the second would fail with
// "address already in use". With this lock the second run waits for the first lab to stop.

import { randomUUID } from 'node:crypto'
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const POLL_MS = 100

interface LockOwner {
  /** The test process. */
  pid: number
  /** Its reaper, which kills the lab's daemons if the test process dies: the net is busy until it has. */
  reaperPid?: number
}

export function netLockPath(net: number): string {
  return join(tmpdir(), `dns-lab-net-${net}.lock`)
}

/** Waits until the net is free, takes it, and returns the function that frees it. */
export async function acquireNetLock(net: number, owner: LockOwner, timeoutMs = 50_000): Promise<() => void> {
  const path = netLockPath(net)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (tryCreate(path, owner)) return () => release(path, owner)
    const holder = readOwner(path)
    if (holder && holder.pid === process.pid) {
      throw new Error(
        `A lab with net ${net} is already running in this test process; stop it first, or give this lab another net.`
      )
    }
    if (!holder || !isLockHeld(holder)) {
      removeQuietly(path) // left by a run that died, and its reaper has finished
      continue
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `Lab net ${net} stayed busy for ${timeoutMs / 1000} s: process ${holder.pid} (${commandLineOf(holder.pid)}) runs a ` +
          `lab on 127.${net}.0.0/16 (lock ${path}). Another test run at the same time, or two test files with the same net?`
      )
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/** Creates the lock with its content in one step (link fails if it exists), so no reader sees it half-written. */
function tryCreate(path: string, owner: LockOwner): boolean {
  const draft = `${path}.${process.pid}.${randomUUID()}`
  writeFileSync(draft, JSON.stringify(owner))
  try {
    linkSync(draft, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    removeQuietly(draft)
  }
}

function release(path: string, owner: LockOwner): void {
  if (readOwner(path)?.pid === owner.pid) removeQuietly(path)
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, reaperPid: parsed.reaperPid } : undefined
  } catch {
    return undefined // missing or unreadable
  }
}

function isLockHeld(owner: LockOwner): boolean {
  return isAlive(owner.pid) || (owner.reaperPid !== undefined && isAlive(owner.reaperPid))
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200)
  } catch {
    return 'command unknown'
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}
