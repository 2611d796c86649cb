/**
 * The one implementation of the `Api` the renderer talks to, whatever the transport: catalogs, delegation lookup,
 * diagnosis, sessions, settings, reports and the watch loop, on top of the stores in the data folder.
 *
 * Methods take typed, already-checked input: adapters reach them only through `callApi` (api-dispatch.ts), which
 * validates first. Settings act as defaults for every DNS call (resolvers, timeout, and the lab options roots /
 * authPort); `overrides` pins some settings for this run (the bridge's `--root` / `--auth-port`) without saving
 * them.
 */
import type {
  ApiClient,
  AppSettings,
  DelegationSummary,
  ResolverPresetInfo,
  StoreProblemInfo,
  VerificationSession,
  WatchProgress
} from '../../shared/api'
import { resolverSpecsFor } from '../../shared/resolver-defaults'
import type { DiagnoseInput, DiagnosisReport } from '../../shared/diagnosis-types'
import { listCas } from '../diagnosis/catalogs/cas'
import { listProviders } from '../diagnosis/catalogs/providers'
import { normalizeDiagnoseInput } from '../diagnosis/input'
import { listResolverPresets } from '../dns/resolvers'
import { createDiagnosisQueue } from './diagnosis-queue'
import { isInputProblem } from './input-problem'
import { renderReport } from './report'
import { SessionStore } from './session-store'
import { defaultSettings } from '../../shared/default-settings'
import { SettingsStore } from './settings-store'
import { type StoreLogger, type StoreProblem, consoleLogger } from './store-problems'
import { type WatchTimers, WatchService } from './watch-service'

/** The engine entry points the service calls (the real ones in default-engine.ts; tests pass doubles). */
export interface DiagnosisEngine {
  runDiagnosis(
    input: DiagnoseInput,
    options?: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }
  ): Promise<DiagnosisReport>
  summarizeDelegation(
    domain: string,
    options?: { roots?: string[]; authPort?: number; timeoutMs?: number; platform?: string }
  ): Promise<DelegationSummary>
}

/** Settings fixed for this run and not saved: the lab options given on the command line. */
export type SettingsOverrides = Partial<Pick<AppSettings, 'roots' | 'authPort'>>

export interface ApiServiceOptions {
  /** Where settings.json and sessions/ live (Electron: app.getPath('userData')). */
  dataDir: string
  engine: DiagnosisEngine
  /** Locale of the default settings (from the OS), before the user picks one. */
  defaultLocale?: AppSettings['locale']
  overrides?: SettingsOverrides
  logger?: StoreLogger
  timers?: WatchTimers
  /** Diagnoses that run at once (checks and watches together); the rest wait. Default in diagnosis-queue.ts. */
  maxConcurrentDiagnoses?: number
}

export interface ApiService extends ApiClient {
  readonly dataDir: string
  /** What the stores found wrong on disk since start-up (corrupt files moved aside, settings reset). */
  storeProblems(): StoreProblem[]
  /** Stops every watch and lets go of listeners. */
  dispose(): Promise<void>
}

export function createApiService(options: ApiServiceOptions): ApiService {
  const logger = options.logger ?? consoleLogger
  const { engine, dataDir } = options
  const overrides = definedOnly(options.overrides ?? {})
  const settingsStore = new SettingsStore({ dataDir, defaults: defaultSettings(options.defaultLocale), logger })
  const sessionStore = new SessionStore({ dataDir, logger })
  const listeners = new Set<(event: WatchProgress) => void>()
  /** Store problems already told to the UI (`store:problems` tells each once). */
  const toldProblems = new Set<string>()
  const queue = createDiagnosisQueue(options.maxConcurrentDiagnoses)

  const watch = new WatchService({
    run: (input, { onQueued, onStarted, ...runOptions }) =>
      queue.run(() => engine.runDiagnosis(input, runOptions), { signal: runOptions.signal, onQueued, onStarted }),
    emit: (event) => {
      for (const listener of [...listeners]) {
        try {
          listener(event)
        } catch (e) {
          logger.warn(`watch progress listener failed: ${(e as Error).message}`)
        }
      }
    },
    onReport: async (sessionId, report) => {
      await sessionStore.update(sessionId, (s) => ({ ...s, lastReport: report, lastVerdict: report.verdict }))
    },
    isPermanentError: isInputProblem,
    timers: options.timers
  })

  async function effectiveSettings(): Promise<AppSettings> {
    return { ...(await settingsStore.get()), ...overrides }
  }

  /** The input as the engine should see it: unset options filled in from the settings. */
  async function withDefaults(input: DiagnoseInput): Promise<DiagnoseInput> {
    const settings = await effectiveSettings()
    return applySettingsDefaults(input, settings)
  }

  return {
    dataDir,

    async 'catalog:providers'() {
      return listProviders()
    },

    async 'catalog:cas'() {
      return listCas()
    },

    async 'catalog:resolverPresets'(): Promise<ResolverPresetInfo[]> {
      return listResolverPresets().map((p) => ({ id: p.id, name: p.name, addresses: [...p.ipv4, ...p.ipv6] }))
    },

    async 'dns:delegation'({ domain, platform }) {
      const settings = await effectiveSettings()
      return engine.summarizeDelegation(domain, {
        roots: settings.roots.length > 0 ? settings.roots : undefined,
        authPort: settings.authPort ?? undefined,
        timeoutMs: settings.timeoutMs,
        ...(platform !== undefined ? { platform } : {})
      })
    },

    async 'diagnosis:run'(input) {
      const full = await withDefaults(input)
      return queue.run(() => engine.runDiagnosis(full))
    },

    async 'sessions:list'() {
      return sessionStore.list()
    },

    async 'sessions:save'(session: VerificationSession) {
      return sessionStore.save(session)
    },

    async 'sessions:delete'({ id }) {
      watch.forget(id)
      await sessionStore.delete(id)
    },

    async 'settings:get'() {
      return effectiveSettings()
    },

    async 'settings:set'(settings) {
      // Overridden fields keep their saved value: the command line's lab options never reach the file.
      const saved = await settingsStore.get()
      const toSave = { ...settings }
      for (const key of Object.keys(overrides) as (keyof SettingsOverrides)[]) {
        ;(toSave as Record<string, unknown>)[key] = saved[key]
      }
      return { ...(await settingsStore.set(toSave)), ...overrides }
    },

    async 'report:render'({ report, format, locale }) {
      return renderReport(report, format, locale)
    },

    async 'watch:start'({ sessionId, input, intervalSeconds }) {
      const full = await withDefaults(input)
      // Bad input is reported to the caller now, not as an error event a moment later.
      normalizeDiagnoseInput(full)
      watch.start(sessionId, full, intervalSeconds)
    },

    async 'watch:stop'({ sessionId }) {
      watch.stop(sessionId)
    },

    onDidWatchProgress(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },

    async 'store:problems'() {
      // Each problem is told once: the ones found since the last call.
      const all: StoreProblemInfo[] = [
        ...settingsStore.problems.map((p) => ({ kind: 'settings' as const, ...p })),
        ...sessionStore.problems.map((p) => ({ kind: 'session' as const, ...p }))
      ]
      const fresh = all.filter((p) => !toldProblems.has(`${p.file}|${p.reason}`))
      for (const p of fresh) toldProblems.add(`${p.file}|${p.reason}`)
      return fresh
    },

    storeProblems() {
      return [...settingsStore.problems, ...sessionStore.problems]
    },

    async dispose() {
      watch.stopAll()
      listeners.clear()
    }
  }
}

/**
 * Fills what the input leaves open from the settings: the lab options (root servers, authoritative port), the
 * resolvers (system + chosen presets + custom ones; with lab roots only the custom ones), the timeout. What the
 * input sets wins.
 */
export function applySettingsDefaults(input: DiagnoseInput, settings: AppSettings): DiagnoseInput {
  const out: DiagnoseInput = { ...input }
  if ((out.roots === undefined || out.roots.length === 0) && settings.roots.length > 0) out.roots = [...settings.roots]
  out.resolvers ??= resolverSpecsFor({ ...settings, roots: out.roots ?? [] })
  if (out.authPort === undefined && settings.authPort !== null) out.authPort = settings.authPort
  out.timeoutMs ??= settings.timeoutMs
  return out
}

function definedOnly(overrides: SettingsOverrides): SettingsOverrides {
  const out: SettingsOverrides = {}
  if (overrides.roots !== undefined) out.roots = [...overrides.roots]
  if (overrides.authPort !== undefined) out.authPort = overrides.authPort
  return out
}

