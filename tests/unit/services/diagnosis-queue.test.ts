// The limit on diagnoses at once (issue 10, item 4): runs past the limit wait in order and say so, a run cancelled
// while waiting never starts, and the service answers other calls while diagnoses hold every slot.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { WatchProgress } from '../../../src/shared/api'
import type { DiagnosisReport } from '../../../src/shared/diagnosis-types'
import { createApiService } from '../../../src/main/services/api-service'
import { createDiagnosisQueue } from '../../../src/main/services/diagnosis-queue'
import { deferred, FakeEngine, flush, ManualTimers, sampleInput, sampleReport } from '../../support/fake-engine'

describe('createDiagnosisQueue', () => {
  it('runs at most N at once, the rest in the order they came, each told how many are ahead', async () => {
    const queue = createDiagnosisQueue(2)
    const gates = Array.from({ length: 5 }, () => deferred<number>())
    const started: number[] = []
    const queued: [number, number][] = []
    const runs = gates.map((gate, i) =>
      queue.run(
        async () => {
          started.push(i)
          return gate.promise
        },
        { onQueued: (ahead) => queued.push([i, ahead]) }
      )
    )
    for (const run of runs) run.catch(() => undefined) // settled below; no unhandled rejection meanwhile
    await flush()
    expect(started).toEqual([0, 1])
    expect(queued).toEqual([
      [2, 1],
      [3, 2],
      [4, 3]
    ])
    expect([queue.running, queue.waiting]).toEqual([2, 3])
    gates[1]!.resolve(1)
    await flush()
    expect(started).toEqual([0, 1, 2])
    gates[0]!.reject(new Error('boom')) // a failed run frees its slot too
    await flush()
    expect(started).toEqual([0, 1, 2, 3])
    for (const gate of gates) gate.resolve(0)
    const results = await Promise.allSettled(runs)
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(started).toEqual([0, 1, 2, 3, 4])
    expect([queue.running, queue.waiting]).toEqual([0, 0])
  })

  it('drops a run cancelled while it waits (it never starts) and one cancelled before it asks', async () => {
    const queue = createDiagnosisQueue(1)
    const gate = deferred<null>()
    let ran = 0
    const first = queue.run(async () => gate.promise)
    const controller = new AbortController()
    const second = queue.run(async () => void ran++, { signal: controller.signal })
    await flush()
    controller.abort(new Error('stopped'))
    await expect(second).rejects.toThrow('stopped')
    expect(queue.waiting).toBe(0)
    await expect(queue.run(async () => void ran++, { signal: controller.signal })).rejects.toThrow('stopped')
    gate.resolve(null)
    await first
    expect(ran).toBe(0)
  })
})

describe('the API service with diagnoses over the limit', () => {
  let dataDir: string
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('queues watch checks past the limit with a `queued` event, and answers settings:get meanwhile', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-queue-'))
    const engine = new FakeEngine()
    const gates: ReturnType<typeof deferred<DiagnosisReport>>[] = []
    engine.script = () => {
      const gate = deferred<DiagnosisReport>()
      gates.push(gate)
      return gate.promise
    }
    const service = createApiService({ dataDir, engine, timers: new ManualTimers(), logger: { warn: () => undefined }, maxConcurrentDiagnoses: 2 })
    const events: WatchProgress[] = []
    service.onDidWatchProgress((e) => events.push(e))
    for (let i = 1; i <= 5; i++) await service['watch:start']({ sessionId: `s${i}`, input: sampleInput(), intervalSeconds: 60 })
    const direct = service['diagnosis:run'](sampleInput())
    await flush()
    expect(engine.runs).toHaveLength(2)
    const queuedSessions = events.filter((e) => e.phase === 'queued').map((e) => e.sessionId)
    expect(queuedSessions).toEqual(['s3', 's4', 's5'])
    // Every slot is taken, and the service still answers.
    expect((await service['settings:get']()).timeoutMs).toBeGreaterThan(0)
    gates[0]!.resolve(sampleReport())
    await flush()
    expect(engine.runs).toHaveLength(3)
    expect(events.filter((e) => e.sessionId === 's3').map((e) => e.phase)).toEqual(['checking', 'queued', 'checking'])
    // Stopping a watch that waits frees its place: it never runs.
    await service['watch:stop']({ sessionId: 's4' })
    gates[1]!.resolve(sampleReport())
    await flush()
    expect(engine.runs).toHaveLength(4)
    for (const gate of gates) gate.resolve(sampleReport())
    await flush()
    for (const gate of gates) gate.resolve(sampleReport())
    await expect(direct).resolves.toMatchObject({ verdict: expect.any(String) })
    expect(engine.runs).toHaveLength(5) // s1, s2, s3, s5 and the direct run; never s4
    await service.dispose()
  })
})
