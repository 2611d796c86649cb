import { describe, expect, it } from 'vitest'
import type { WatchProgress } from '../../../src/shared/api'
import { WatchService } from '../../../src/main/services/watch-service'
import { InputError } from '../../../src/main/diagnosis/input'
import { deferred, FakeEngine, flush, ManualTimers, sampleInput, sampleReport, verifiedReport } from '../../support/fake-engine'

function setup() {
  const engine = new FakeEngine()
  const timers = new ManualTimers()
  const events: WatchProgress[] = []
  const stored: string[] = []
  const service = new WatchService({
    run: (input, options) => engine.runDiagnosis(input, options),
    emit: (e) => events.push(e),
    onReport: (sessionId) => {
      stored.push(sessionId)
    },
    isPermanentError: (e) => e instanceof InputError,
    timers
  })
  return { engine, timers, events, stored, service }
}

describe('WatchService', () => {
  it('checks at once, then again at each interval, until the verdict is verified', async () => {
    const { engine, timers, events, stored, service } = setup()
    engine.script = async (call) => (call < 3 ? sampleReport() : verifiedReport())
    service.start('s1', sampleInput(), 30)
    await flush()
    expect(engine.runs).toHaveLength(1)
    expect(timers.pending.size).toBe(1)
    expect([...timers.pending.values()][0]!.ms).toBe(30_000)

    timers.fireAll()
    await flush()
    expect(engine.runs).toHaveLength(2)

    timers.fireAll()
    await flush()
    expect(engine.runs).toHaveLength(3)
    // Verified: no further check is scheduled and the watch is over.
    expect(timers.pending.size).toBe(0)
    expect(service.isWatching('s1')).toBe(false)
    expect(stored).toEqual(['s1', 's1', 's1'])

    const done = events.filter((e) => e.phase === 'done')
    expect(done.map((e) => e.report?.verdict)).toEqual(['action_needed', 'action_needed', 'verified'])
    expect(done[0]!.nextCheckAt).toBe('2024-05-28T00:00:30.000Z')
    expect(done[2]!.nextCheckAt).toBeNull()
    expect(events.every((e) => e.sessionId === 's1')).toBe(true)
  })

  it('hands each check the previous report of the same input, across restarts (Check now), not of another input', async () => {
    const { engine, timers, service } = setup()
    const reports = [sampleReport(), sampleReport(), sampleReport(), sampleReport()]
    engine.script = async (call) => reports[call - 1]!
    service.start('s1', sampleInput(), 30)
    await flush()
    timers.fireAll()
    await flush()
    service.start('s1', sampleInput(), 30) // Check now: a new watch, same input
    await flush()
    service.start('s1', sampleInput({ value: 'another-token' }), 30) // the user changed the value in step 2
    await flush()
    expect(engine.runs.map((r) => r.options.previous ?? null)).toEqual([null, reports[0], reports[1], null])
    service.forget('s1')
    service.start('s1', sampleInput({ value: 'another-token' }), 30)
    await flush()
    expect(engine.runs[4]!.options.previous ?? null).toBeNull()
  })

  it('reports progress from 0 to 1 while checking', async () => {
    const { engine, events, service } = setup()
    engine.script = async (_call, _input, options) => {
      options.onProgress?.(0, 4)
      options.onProgress?.(1, 4)
      options.onProgress?.(1, 4) // the same again: no new event
      options.onProgress?.(4, 4)
      return sampleReport()
    }
    service.start('s1', sampleInput(), 10)
    await flush()
    expect(events.map((e) => [e.phase, e.progress])).toEqual([
      ['checking', 0],
      ['checking', 0.25],
      ['checking', 1],
      ['done', 1]
    ])
    service.stopAll()
  })

  it('stop aborts the check in flight and nothing more is emitted or scheduled', async () => {
    const { engine, timers, events, service } = setup()
    const run = deferred<ReturnType<typeof sampleReport>>()
    let signal: AbortSignal | undefined
    engine.script = (_call, _input, options) => {
      signal = options.signal
      options.signal?.addEventListener('abort', () => run.reject(new DOMException('aborted', 'AbortError')))
      return run.promise
    }
    service.start('s1', sampleInput(), 10)
    await flush()
    expect(signal?.aborted).toBe(false)
    expect(service.stop('s1')).toBe(true)
    expect(signal?.aborted).toBe(true)
    await flush()
    expect(events.map((e) => e.phase)).toEqual(['checking'])
    expect(timers.pending.size).toBe(0)
    expect(service.stop('s1')).toBe(false)
  })

  it('a result that arrives after stop (engine ignoring the signal) is dropped', async () => {
    const { engine, timers, events, stored, service } = setup()
    const run = deferred<ReturnType<typeof sampleReport>>()
    engine.script = () => run.promise
    service.start('s1', sampleInput(), 10)
    await flush()
    service.stop('s1')
    run.resolve(sampleReport())
    await flush()
    expect(events.map((e) => e.phase)).toEqual(['checking'])
    expect(stored).toEqual([])
    expect(timers.pending.size).toBe(0)
  })

  it('keeps one watch per session: starting again replaces the running one', async () => {
    const { engine, timers, service } = setup()
    const signals: AbortSignal[] = []
    engine.script = (_call, _input, options) => {
      signals.push(options.signal!)
      return new Promise(() => undefined) // never finishes
    }
    service.start('s1', sampleInput(), 10)
    service.start('s1', sampleInput({ value: 'other' }), 10)
    service.start('s2', sampleInput(), 10)
    await flush()
    expect(engine.runs).toHaveLength(3)
    expect(signals.map((s) => s.aborted)).toEqual([true, false, false])
    expect(service.watchedSessions().sort()).toEqual(['s1', 's2'])
    service.stopAll()
    expect(signals.every((s) => s.aborted)).toBe(true)
    expect(timers.pending.size).toBe(0)
  })

  it('retries after a failure, but ends the watch on bad input', async () => {
    const { engine, timers, events, service } = setup()
    engine.script = async (call) => {
      if (call === 1) throw new Error('network is down')
      throw new InputError('domains.0', 'domain.needsDot', { text: 'localhost' })
    }
    service.start('s1', sampleInput(), 5)
    await flush()
    const first = events.at(-1)!
    expect(first).toMatchObject({
      phase: 'error',
      error: { messageId: 'check.failed', params: { detail: 'network is down' }, message: 'The check failed: network is down' },
      nextCheckAt: '2024-05-28T00:00:05.000Z'
    })
    expect(timers.pending.size).toBe(1)

    timers.fireAll()
    await flush()
    expect(events.at(-1)).toMatchObject({ phase: 'error', error: { messageId: 'domain.needsDot' }, nextCheckAt: null })
    expect(timers.pending.size).toBe(0)
    expect(service.isWatching('s1')).toBe(false)
  })

  it('does not let a throwing listener or report store stop the loop', async () => {
    const engine = new FakeEngine()
    const timers = new ManualTimers()
    const service = new WatchService({
      run: (input, options) => engine.runDiagnosis(input, options),
      emit: () => {
        throw new Error('listener bug')
      },
      onReport: () => Promise.reject(new Error('disk full')),
      timers
    })
    service.start('s1', sampleInput(), 5)
    await flush()
    expect(timers.pending.size).toBe(1)
    timers.fireAll()
    await flush()
    expect(engine.runs).toHaveLength(2)
    service.stopAll()
  })
})
