/**
 * The user's settings, one JSON file in the data folder. Reading never fails: a missing file gives the defaults,
 * an unreadable one (or anything there that is not a readable regular file: a folder, a FIFO, a symbolic link, a
 * file of another user) is moved aside (and reported), a field that no longer checks out (a preset since removed)
 * falls back to its default while the other fields are kept.
 */
import { join } from 'node:path'
import type { AppSettings } from '../../shared/api'
import { defaultSettings } from '../../shared/default-settings'
import { appSettingsFieldSchemas, appSettingsSchema } from './stored-schemas'
import { KeyedLock } from './keyed-lock'
import { moveAside, notAFileProblem, readTextIfExists, UnusableEntryError, writeFileAtomic } from './atomic-file'
import { type StoreLogger, type StoreProblem, consoleLogger } from './store-problems'

export const SETTINGS_FILE = 'settings.json'

export interface SettingsStoreOptions {
  dataDir: string
  defaults?: AppSettings
  logger?: StoreLogger
}

export class SettingsStore {
  readonly file: string
  private readonly defaults: AppSettings
  private readonly logger: StoreLogger
  private readonly lock = new KeyedLock()
  private readonly found: StoreProblem[] = []
  /** `reason` of each problem reported, so an entry that cannot even be moved is reported once. */
  private readonly reported = new Set<string>()
  /** The read under way, shared by everyone who asks meanwhile. */
  private reading: Promise<AppSettings> | null = null
  /** The settings as last read or written. */
  private cached: AppSettings | null = null

  constructor(options: SettingsStoreOptions) {
    this.file = join(options.dataDir, SETTINGS_FILE)
    this.defaults = options.defaults ?? defaultSettings()
    this.logger = options.logger ?? consoleLogger
  }

  /** Problems met while reading (corrupt file moved aside, fields reset), oldest first. */
  get problems(): readonly StoreProblem[] {
    return this.found
  }

  /**
   * The settings as stored. The file is read once and then kept in memory (this store is its only writer; `set`
   * updates both): every check reads the settings, and while two hundred checks decode large answers a `settings:get`
   * that needed five file-system round trips, each behind that work, waited seconds. Callers that ask while the
   * first read is under way share it.
   */
  get(): Promise<AppSettings> {
    if (this.cached !== null) return Promise.resolve(structuredClone(this.cached))
    this.reading ??= this.lock
      .run(this.file, () => this.read())
      .then((settings) => {
        this.cached ??= settings
        return settings
      })
      .finally(() => {
        this.reading = null
      })
    return this.reading.then((settings) => structuredClone(settings))
  }

  /** Saves settings that already passed `appSettingsSchema` (the API layer checks them); returns what was saved. */
  set(settings: AppSettings): Promise<AppSettings> {
    return this.lock.run(this.file, async () => {
      const checked = appSettingsSchema.parse(settings)
      await this.clearUnusableEntry()
      await writeFileAtomic(this.file, JSON.stringify(checked, null, 2) + '\n')
      this.cached = structuredClone(checked)
      return checked
    })
  }

  private async read(): Promise<AppSettings> {
    let text: string | null
    try {
      text = await readTextIfExists(this.file)
    } catch (e) {
      if (!(e instanceof UnusableEntryError)) throw e
      return this.discard(e.reason)
    }
    if (text === null) return structuredClone(this.defaults)
    let data: unknown
    try {
      data = JSON.parse(text)
    } catch (e) {
      return this.discard(`not valid JSON (${(e as Error).message})`)
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return this.discard('not a JSON object')
    const stored = data as Record<string, unknown>
    const settings = structuredClone(this.defaults) as Record<keyof AppSettings, unknown>
    for (const key of Object.keys(appSettingsFieldSchemas) as (keyof AppSettings)[]) {
      if (!(key in stored)) continue
      const field = appSettingsFieldSchemas[key].safeParse(stored[key])
      if (field.success) settings[key] = field.data
      else this.report({ file: this.file, movedTo: null, reason: `setting "${key}" was not valid and is back to its default` })
    }
    return settings as AppSettings
  }

  /** A folder or FIFO where the file goes would make the rename fail: move it aside (and report it) first. */
  private async clearUnusableEntry(): Promise<void> {
    const problem = await notAFileProblem(this.file)
    if (problem !== null) await this.discard(problem)
  }

  private async discard(reason: string): Promise<AppSettings> {
    let movedTo: string | null = null
    try {
      movedTo = await moveAside(this.file)
    } catch (e) {
      reason += `; could not move it aside: ${(e as Error).message}`
    }
    this.report({ file: this.file, movedTo, reason })
    return structuredClone(this.defaults)
  }

  private report(problem: StoreProblem): void {
    if (this.reported.has(problem.reason)) return
    this.reported.add(problem.reason)
    this.found.push(problem)
    this.logger.warn(`settings: ${problem.reason}${problem.movedTo ? ` (kept as ${problem.movedTo})` : ''}`)
  }
}
