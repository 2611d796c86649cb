/**
 * The user's settings, one JSON file in the data folder. Reading never fails: a missing file gives the defaults,
 * an unreadable one is moved aside (and reported), a field that no longer checks out (a preset since removed)
 * falls back to its default while the other fields are kept.
 */
import { join } from 'node:path'
import type { AppSettings } from '../../shared/api'
import { defaultSettings } from '../../shared/default-settings'
import { appSettingsFieldSchemas, appSettingsSchema } from './stored-schemas'
import { KeyedLock } from './keyed-lock'
import { moveAside, readTextIfExists, writeFileAtomic } from './atomic-file'
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

  constructor(options: SettingsStoreOptions) {
    this.file = join(options.dataDir, SETTINGS_FILE)
    this.defaults = options.defaults ?? defaultSettings()
    this.logger = options.logger ?? consoleLogger
  }

  /** Problems met while reading (corrupt file moved aside, fields reset), oldest first. */
  get problems(): readonly StoreProblem[] {
    return this.found
  }

  get(): Promise<AppSettings> {
    return this.lock.run(this.file, () => this.read())
  }

  /** Saves settings that already passed `appSettingsSchema` (the API layer checks them); returns what was saved. */
  set(settings: AppSettings): Promise<AppSettings> {
    return this.lock.run(this.file, async () => {
      const checked = appSettingsSchema.parse(settings)
      await writeFileAtomic(this.file, JSON.stringify(checked, null, 2) + '\n')
      return checked
    })
  }

  private async read(): Promise<AppSettings> {
    const text = await readTextIfExists(this.file)
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
    this.found.push(problem)
    this.logger.warn(`settings: ${problem.reason}${problem.movedTo ? ` (kept as ${problem.movedTo})` : ''}`)
  }
}
