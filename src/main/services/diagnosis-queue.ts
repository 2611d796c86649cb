/**
 * At most N diagnoses at once; the rest wait their turn, first come first served. One diagnosis can send hundreds
 * of queries and decode answers of up to 64 KB each; two hundred at once (a page left open per domain, a script
 * against the bridge) would keep the event loop busy enough that every other call, `settings:get` included, waits
 * seconds for its turn. Queued runs say so (`onQueued`), and a run cancelled while it waits never starts.
 */

/** Enough to check a handful of domains side by side; few enough that the process stays responsive. */
export const DEFAULT_MAX_CONCURRENT_DIAGNOSES = 2

export interface QueueOptions {
  signal?: AbortSignal
  /** Called when the run has to wait, with how many runs are ahead of it. */
  onQueued?: (ahead: number) => void
  /** Called when the run starts (at once, or when its turn comes). */
  onStarted?: () => void
}

export interface DiagnosisQueue {
  run<T>(task: () => Promise<T>, options?: QueueOptions): Promise<T>
  readonly running: number
  readonly waiting: number
}

export function createDiagnosisQueue(maxConcurrent = DEFAULT_MAX_CONCURRENT_DIAGNOSES): DiagnosisQueue {
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new RangeError(`maxConcurrent must be 1 or more, not ${maxConcurrent}.`)
  let running = 0
  const waiting: (() => void)[] = []

  function release(): void {
    running--
    const next = waiting.shift()
    if (next) next()
  }

  return {
    async run<T>(task: () => Promise<T>, options: QueueOptions = {}): Promise<T> {
      const { signal } = options
      signal?.throwIfAborted()
      if (running >= maxConcurrent) {
        options.onQueued?.(waiting.length + running - maxConcurrent + 1)
        await new Promise<void>((resolve, reject) => {
          const start = (): void => {
            signal?.removeEventListener('abort', cancel)
            resolve()
          }
          const cancel = (): void => {
            const at = waiting.indexOf(start)
            if (at !== -1) waiting.splice(at, 1)
            reject(signal!.reason)
          }
          waiting.push(start)
          signal?.addEventListener('abort', cancel, { once: true })
        })
      }
      running++
      try {
        options.onStarted?.()
        return await task()
      } finally {
        release()
      }
    },
    get running() {
      return running
    },
    get waiting() {
      return waiting.length
    }
  }
}
