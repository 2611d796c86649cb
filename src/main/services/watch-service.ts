/**
 * Step 4's live check: for one session, run the diagnosis now, then again every N seconds, until the verdict is
 * `verified` or the watch is stopped. Each run reports progress (`queued` while other checks go first, then
 * `checking`, 0..1), then its result (`done`, with
 * the report and the time of the next check) or a failure (`error`). One watch per session: starting again
 * replaces it; stopping aborts the run in flight. Runs never overlap: the next one is scheduled when one ends.
 */
import type { WatchProgress } from '../../shared/api'
import type { DiagnoseInput, DiagnosisReport } from '../../shared/diagnosis-types'
import { shownMessageOf } from '../../shared/messages'

export type RunDiagnosisFn = (
  input: DiagnoseInput,
  options: {
    signal: AbortSignal
    onProgress: (done: number, total: number) => void
    /** The last report of the same input for this session: the engine tells a cache wait that ran out by it. */
    previous: DiagnosisReport | null
    /** The run waits for others to finish first (a limit on diagnoses at once). */
    onQueued?: () => void
    /** The run starts (after waiting, or at once). */
    onStarted?: () => void
  }
) => Promise<DiagnosisReport>

/** The clock and timer the loop uses; tests pass a manual one, so nothing depends on real time. */
export interface WatchTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

export const realTimers: WatchTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now()
}

export interface WatchServiceOptions {
  run: RunDiagnosisFn
  emit: (progress: WatchProgress) => void
  /** Called with each finished report before `done` is emitted (the API service stores it in the session). */
  onReport?: (sessionId: string, report: DiagnosisReport) => Promise<void> | void
  /** Errors that will not go away by retrying (bad input): the watch ends instead of trying again. */
  isPermanentError?: (error: unknown) => boolean
  timers?: WatchTimers
}

interface Watch {
  sessionId: string
  input: DiagnoseInput
  intervalMs: number
  controller: AbortController | null
  timer: unknown
  stopped: boolean
}

export class WatchService {
  private readonly watches = new Map<string, Watch>()
  /** Per session, the last report and the input it answered; kept across restarts (Check now) of the watch. */
  private readonly lastReports = new Map<string, { inputKey: string; report: DiagnosisReport }>()
  private readonly timers: WatchTimers

  constructor(private readonly options: WatchServiceOptions) {
    this.timers = options.timers ?? realTimers
  }

  /** Starts watching a session (replacing its current watch); the first check starts at once. */
  start(sessionId: string, input: DiagnoseInput, intervalSeconds: number): void {
    this.stop(sessionId)
    const watch: Watch = {
      sessionId,
      input,
      intervalMs: Math.max(1, intervalSeconds) * 1000,
      controller: null,
      timer: null,
      stopped: false
    }
    this.watches.set(sessionId, watch)
    void this.check(watch)
  }

  /** Stops a session's watch and aborts its check in flight; false when it was not being watched. */
  stop(sessionId: string): boolean {
    const watch = this.watches.get(sessionId)
    if (!watch) return false
    this.end(watch)
    watch.controller?.abort()
    return true
  }

  stopAll(): void {
    for (const id of [...this.watches.keys()]) this.stop(id)
  }

  /** Forgets a session entirely (it was deleted): its watch and its last report. */
  forget(sessionId: string): void {
    this.stop(sessionId)
    this.lastReports.delete(sessionId)
  }

  isWatching(sessionId: string): boolean {
    return this.watches.has(sessionId)
  }

  watchedSessions(): string[] {
    return [...this.watches.keys()]
  }

  private end(watch: Watch): void {
    watch.stopped = true
    if (watch.timer !== null) this.timers.clearTimeout(watch.timer)
    watch.timer = null
    if (this.watches.get(watch.sessionId) === watch) this.watches.delete(watch.sessionId)
  }

  private async check(watch: Watch): Promise<void> {
    if (watch.stopped) return
    watch.timer = null
    const controller = new AbortController()
    watch.controller = controller
    let lastPercent = -1
    const emitChecking = (progress: number): void => {
      const percent = Math.floor(progress * 100)
      if (watch.stopped || percent === lastPercent) return
      lastPercent = percent
      this.emit(watch, { phase: 'checking', progress: percent / 100, report: null, nextCheckAt: null, error: null })
    }
    emitChecking(0)
    try {
      const inputKey = JSON.stringify(watch.input)
      const last = this.lastReports.get(watch.sessionId)
      const report = await this.options.run(watch.input, {
        signal: controller.signal,
        onQueued: () => {
          if (watch.stopped) return
          lastPercent = -1 // the next `checking` is news again
          this.emit(watch, { phase: 'queued', progress: 0, report: null, nextCheckAt: null, error: null })
        },
        onStarted: () => emitChecking(0),
        onProgress: (done, total) => emitChecking(total > 0 ? Math.min(1, Math.max(0, done / total)) : 0),
        previous: last && last.inputKey === inputKey ? last.report : null
      })
      this.lastReports.set(watch.sessionId, { inputKey, report })
      if (watch.stopped) return
      try {
        await this.options.onReport?.(watch.sessionId, report)
      } catch {
        // Keeping the report is a convenience; the renderer still gets it below.
      }
      if (watch.stopped) return
      const verified = report.verdict === 'verified'
      const nextCheckAt = verified ? null : this.schedule(watch)
      if (verified) this.end(watch)
      this.emit(watch, { phase: 'done', progress: 1, report, nextCheckAt, error: null })
    } catch (error) {
      if (watch.stopped || controller.signal.aborted) return
      const permanent = this.options.isPermanentError?.(error) ?? false
      const nextCheckAt = permanent ? null : this.schedule(watch)
      if (permanent) this.end(watch)
      this.emit(watch, { phase: 'error', progress: 0, report: null, nextCheckAt, error: shownMessageOf(error, 'check.failed') })
    } finally {
      if (watch.controller === controller) watch.controller = null
    }
  }

  /** Schedules the next check and returns its time (ISO 8601). */
  private schedule(watch: Watch): string {
    const at = this.timers.now() + watch.intervalMs
    watch.timer = this.timers.setTimeout(() => void this.check(watch), watch.intervalMs)
    return new Date(at).toISOString()
  }

  private emit(watch: Watch, progress: Omit<WatchProgress, 'sessionId'>): void {
    try {
      this.options.emit({ sessionId: watch.sessionId, ...progress })
    } catch {
      // A listener's failure must not stop the loop.
    }
  }
}
