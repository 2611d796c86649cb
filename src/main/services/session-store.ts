/**
 * Verification sessions (one per domain in progress), one JSON file each in `<data>/sessions/<id>.json`, so a
 * write touches one small file and one bad file costs one session, not all. Every write is atomic (temp file,
 * fsync, rename); a file that cannot be read back is moved aside as `*.corrupt-<time>` and reported, and the
 * other sessions load as usual. So is any entry that is not a readable regular file (a folder named `<id>.json`,
 * a FIFO, a symbolic link, a file of another user), found with lstat and never opened, and a `sessions` that is
 * not a folder.
 */
import { randomUUID } from 'node:crypto'
import { readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { VerificationSession } from '../../shared/api'
import { ApiError } from '../../shared/api-result'
import { LIMITS } from '../../shared/limits'
import { SESSION_ID_PATTERN, verificationSessionSchema } from './stored-schemas'
import { entryKind, moveAside, readTextIfExists, removeStaleTempFiles, UnusableEntryError, writeFileAtomic } from './atomic-file'
import { KeyedLock } from './keyed-lock'
import { type StoreLogger, type StoreProblem, consoleLogger } from './store-problems'

export const SESSIONS_DIR = 'sessions'
const FILE_FORMAT = 1

interface SessionFile {
  format: typeof FILE_FORMAT
  session: VerificationSession
}

export function isValidSessionId(id: string): boolean {
  return id.length > 0 && id.length <= LIMITS.sessionIdChars && SESSION_ID_PATTERN.test(id)
}

export interface SessionStoreOptions {
  dataDir: string
  logger?: StoreLogger
  now?: () => Date
  maxSessions?: number
}

export class SessionStore {
  readonly dir: string
  private readonly logger: StoreLogger
  private readonly now: () => Date
  private readonly maxSessions: number
  private readonly lock = new KeyedLock()
  private readonly found: StoreProblem[] = []
  /** `file|reason` of each problem reported, so an entry that cannot even be moved is reported once. */
  private readonly reported = new Set<string>()
  private cleaned = false

  constructor(options: SessionStoreOptions) {
    this.dir = join(options.dataDir, SESSIONS_DIR)
    this.logger = options.logger ?? consoleLogger
    this.now = options.now ?? (() => new Date())
    this.maxSessions = options.maxSessions ?? LIMITS.sessions
  }

  /** Problems met while reading (unreadable files moved aside), oldest first. */
  get problems(): readonly StoreProblem[] {
    return this.found
  }

  /** Every readable session, oldest first. */
  async list(): Promise<VerificationSession[]> {
    await this.cleanOnce()
    const sessions: VerificationSession[] = []
    for (const id of await this.storedIds()) {
      const session = await this.lock.run(id, () => this.read(id))
      if (session) sessions.push(session)
    }
    return sessions.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  }

  async get(id: string): Promise<VerificationSession | null> {
    if (!isValidSessionId(id)) return null
    return this.lock.run(id, () => this.read(id))
  }

  /**
   * Saves a session (new or existing) and returns it as stored: an empty id gets a new one, `createdAt` stays
   * what it was for a known session, `updatedAt` is now.
   */
  async save(session: VerificationSession): Promise<VerificationSession> {
    const id = session.id === '' ? randomUUID() : session.id
    if (!isValidSessionId(id)) throw ApiError.of('bad_input', 'schema.sessionId', {}, 'id')
    await this.cleanOnce()
    await this.checkFolder()
    return this.lock.run(id, async () => {
      const existing = await this.read(id)
      if (!existing && (await this.storedIds()).length >= this.maxSessions) {
        throw ApiError.of('bad_input', 'api.tooManySessions', { max: this.maxSessions })
      }
      const now = this.now().toISOString()
      const stored: VerificationSession = {
        ...session,
        id,
        createdAt: existing?.createdAt ?? (session.createdAt || now),
        updatedAt: now
      }
      await this.write(stored)
      return stored
    })
  }

  /** Changes a stored session with `change`; null (and nothing written) when there is no such session. */
  async update(id: string, change: (session: VerificationSession) => VerificationSession): Promise<VerificationSession | null> {
    if (!isValidSessionId(id)) return null
    return this.lock.run(id, async () => {
      const existing = await this.read(id)
      if (!existing) return null
      const stored = { ...change(existing), id, createdAt: existing.createdAt, updatedAt: this.now().toISOString() }
      await this.write(stored)
      return stored
    })
  }

  /** Deletes a session; false when there was none. */
  async delete(id: string): Promise<boolean> {
    if (!isValidSessionId(id)) return false
    return this.lock.run(id, async () => {
      try {
        await unlink(this.pathOf(id))
        return true
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
        throw e
      }
    })
  }

  private pathOf(id: string): string {
    return join(this.dir, `${id}.json`)
  }

  private async storedIds(): Promise<string[]> {
    if (!(await this.checkFolder())) return []
    let names: string[]
    try {
      names = await readdir(this.dir)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return []
      if (code === 'ENOTDIR') return [] // replaced by a file just now: the next call moves it aside
      this.report({ file: this.dir, movedTo: null, reason: `the sessions folder cannot be listed: ${(e as Error).message}` })
      return []
    }
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isValidSessionId)
      .sort()
  }

  private async write(session: VerificationSession): Promise<void> {
    const file: SessionFile = { format: FILE_FORMAT, session }
    await writeFileAtomic(this.pathOf(session.id), JSON.stringify(file, null, 2) + '\n')
  }

  /**
   * True when the sessions folder is a folder or not there yet. Anything else in its place (a file, a FIFO) is moved
   * aside and reported, so saving can make the folder; false when that fails.
   */
  private async checkFolder(): Promise<boolean> {
    let info
    try {
      info = await stat(this.dir)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true
      this.report({ file: this.dir, movedTo: null, reason: `the sessions folder cannot be used: ${(e as Error).message}` })
      return false
    }
    if (info.isDirectory()) return true
    return (await this.setAside(this.dir, `"${SESSIONS_DIR}" is ${entryKind(info)}, not a folder`)) !== null
  }

  /** The stored session, or null when there is none or its entry was unusable (then moved aside). */
  private async read(id: string): Promise<VerificationSession | null> {
    const path = this.pathOf(id)
    let text: string | null
    try {
      text = await readTextIfExists(path)
    } catch (e) {
      if (!(e instanceof UnusableEntryError)) throw e
      await this.setAside(path, e.reason)
      return null
    }
    if (text === null) return null
    const problem = checkSessionFile(text, id)
    if (typeof problem !== 'string') return problem
    await this.setAside(path, problem)
    return null
  }

  /** Moves an unusable entry aside and reports it; the new path, or null when it could not be moved. */
  private async setAside(path: string, problem: string): Promise<string | null> {
    let movedTo: string | null = null
    let reason = problem
    try {
      movedTo = await moveAside(path, this.now())
    } catch (e) {
      reason += `; could not move it aside: ${(e as Error).message}`
    }
    this.report({ file: path, movedTo, reason })
    return movedTo
  }

  private report(problem: StoreProblem): void {
    const key = `${problem.file}|${problem.reason}`
    if (this.reported.has(key)) return
    this.reported.add(key)
    this.found.push(problem)
    this.logger.warn(`session file ${problem.file}: ${problem.reason}${problem.movedTo ? ` (kept as ${problem.movedTo})` : ''}`)
  }

  private async cleanOnce(): Promise<void> {
    if (this.cleaned) return
    this.cleaned = true
    await removeStaleTempFiles(this.dir).catch(() => [])
  }
}

/** The session in a file's text, or why it cannot be used. */
function checkSessionFile(text: string, id: string): VerificationSession | string {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`
  }
  const file = data as Partial<SessionFile> | null
  if (typeof file !== 'object' || file === null || file.format !== FILE_FORMAT) return 'not a session file of a known format'
  const parsed = verificationSessionSchema.safeParse(file.session)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return `the session does not check out (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`
  }
  if (parsed.data.id !== id) return `the session inside has id "${parsed.data.id}", not "${id}"`
  return parsed.data
}
