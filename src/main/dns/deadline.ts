/**
 * An overall time limit as an AbortSignal, so it flows through every `signal` option the DNS layer already honours
 * (exchange, the iterative walk, the diagnosis). Its abort reason is a DeadlineExceeded, so a caller can tell the
 * limit from a cancellation.
 */

/** The default limit for one resolution and for one diagnosis (issue 10: a check must not be held for minutes). */
export const DEFAULT_DEADLINE_MS = 30_000

export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded'
  constructor(readonly ms: number) {
    super(`Stopped after ${formatSeconds(ms)}, the time limit.`)
  }
}

export interface Deadline {
  /** Aborted when the time is up (reason: DeadlineExceeded) or when `parent` aborts (its reason). */
  signal: AbortSignal
  /** True when the time limit, not the parent, stopped the work. */
  readonly reached: boolean
  /** Stops the timer; call when the work is done. */
  dispose(): void
}

export function startDeadline(ms: number, parent?: AbortSignal): Deadline {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms)
  // The timer alone must never keep a process alive.
  timer.unref?.()
  const signal = parent ? AbortSignal.any([parent, controller.signal]) : controller.signal
  return {
    signal,
    get reached() {
      return signal.aborted && signal.reason instanceof DeadlineExceeded
    },
    dispose: () => clearTimeout(timer)
  }
}

/** `12 s`, `1.5 s`, `250 ms`. */
export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}
