/**
 * Files that are either the old version or the new one, never half of each: write a temporary file in the same
 * folder, flush it to disk, then rename it over the target (rename is atomic within one file system, on POSIX and
 * on NTFS). A crash or kill at any point leaves the previous file intact; at worst a stray temporary file remains,
 * which `removeStaleTempFiles` clears later.
 */
import { randomBytes } from 'node:crypto'
import { constants, type Stats } from 'node:fs'
import { lstat, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export const TEMP_SUFFIX = '.tmp'

export interface AtomicWriteOptions {
  /** File mode for a new file (default 0o600: sessions are the user's own business). */
  mode?: number
  /** Test seam: runs after the temporary file is written and flushed, before the rename. */
  beforeRename?: (tempPath: string) => void | Promise<void>
}

/** A hidden temporary name beside `path`, unique to this process and write. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`)
}

/** Writes `data` to `path` atomically (see the module comment); creates the folder if needed. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = dirname(path)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const temp = tempPathFor(path)
  let renamed = false
  try {
    const handle = await open(temp, 'wx', options.mode ?? 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await options.beforeRename?.(temp)
    await rename(temp, path)
    renamed = true
    await syncDirectory(dir)
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined)
  }
}

/** Flushes a folder entry (the rename) to disk. Not possible on every platform (Windows); best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // EISDIR / EPERM / EINVAL where folders cannot be opened or synced: the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

/** An entry in the data folder that is not a regular file this process can read; `reason` says what it is. */
export class UnusableEntryError extends Error {
  override name = 'UnusableEntryError'
  constructor(
    readonly path: string,
    readonly reason: string
  ) {
    super(`${path}: ${reason}`)
  }
}

/** Larger than any settings or session file the app writes: reading it would only cost memory. */
export const MAX_STORED_FILE_BYTES = 32 * 1024 * 1024

// Never blocks on a FIFO (O_NONBLOCK), never follows a link swapped in after the check (O_NOFOLLOW); both are 0 on
// Windows, which has neither FIFOs in folders nor this race.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)

/**
 * The text of a regular file, or null when there is nothing at `path`. Anything else there (a folder, a symbolic
 * link, a FIFO, a socket, a device, a file this user may not read, a huge file) is an UnusableEntryError saying
 * which, found with lstat before opening, so a FIFO is never opened and never blocks.
 */
export async function readTextIfExists(path: string, maxBytes = MAX_STORED_FILE_BYTES): Promise<string | null> {
  let info: Stats
  try {
    info = await lstat(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new UnusableEntryError(path, accessProblem(e))
  }
  if (!info.isFile()) throw new UnusableEntryError(path, `is ${entryKind(info)}, not a file`)
  let handle
  try {
    handle = await open(path, READ_FLAGS)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new UnusableEntryError(path, accessProblem(e))
  }
  try {
    const opened = await handle.stat()
    if (!opened.isFile()) throw new UnusableEntryError(path, `is ${entryKind(opened)}, not a file`)
    if (opened.size > maxBytes) throw new UnusableEntryError(path, `is ${opened.size} bytes, more than the ${maxBytes} a stored file can be`)
    return await handle.readFile('utf8')
  } catch (e) {
    if (e instanceof UnusableEntryError) throw e
    throw new UnusableEntryError(path, accessProblem(e))
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/** Why the entry at `path` is not a regular file (a folder, a FIFO…), or null when it is one or there is none. */
export async function notAFileProblem(path: string): Promise<string | null> {
  try {
    const info = await lstat(path)
    return info.isFile() ? null : `is ${entryKind(info)}, not a file`
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : accessProblem(e)
  }
}

/** What kind of entry this is, in words. */
export function entryKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isSymbolicLink()) return 'a symbolic link'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'a device'
  return info.isFile() ? 'a file' : 'an entry of an unknown kind'
}

function accessProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied (was it written by another user, e.g. with sudo?)'
  if (code === 'ELOOP') return 'is a symbolic link, not a file'
  if (code === 'EISDIR') return 'is a folder, not a file'
  return `cannot be read: ${(e as Error).message}`
}

/**
 * Moves an unreadable file out of the way as `<name>.corrupt-<time>` (kept for a bug report, never read again)
 * and returns the new path.
 */
export async function moveAside(path: string, now: Date = new Date()): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  let target = `${path}.corrupt-${stamp}`
  for (let n = 2; await exists(target); n++) target = `${path}.corrupt-${stamp}-${n}`
  await rename(path, target)
  return target
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/**
 * Deletes temporary files left in `dir` by writes that never finished (a crash, a kill), if older than
 * `olderThanMs`, so a write in progress in another process is left alone. Returns the removed paths.
 */
export async function removeStaleTempFiles(dir: string, olderThanMs = 60_000, now: number = Date.now()): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  const removed: string[] = []
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith(TEMP_SUFFIX)) continue
    const path = join(dir, name)
    try {
      const info = await stat(path)
      if (info.isFile() && now - info.mtimeMs >= olderThanMs) {
        await unlink(path)
        removed.push(path)
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed
}
