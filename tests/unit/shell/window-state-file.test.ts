import { EventEmitter } from 'node:events'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Rect } from '../../../src/main/shell/window-state'
import {
  readWindowState,
  SAVE_DELAY_MS,
  trackWindowState,
  WINDOW_STATE_FILE,
  type TrackedWindow
} from '../../../src/main/shell/window-state-file'
import { deferred, ManualTimers } from '../../support/fake-engine'

/** A BrowserWindow stand-in: the test moves it and fires its events. */
class FakeWindow extends EventEmitter implements TrackedWindow {
  bounds: Rect = { x: 100, y: 80, width: 1000, height: 700 }
  maximized = false
  destroyed = false
  getNormalBounds(): Rect {
    return { ...this.bounds }
  }
  isMaximized(): boolean {
    return this.maximized
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  moveTo(bounds: Partial<Rect>): void {
    this.bounds = { ...this.bounds, ...bounds }
    this.emit('move')
  }
}

let dataDir: string
let timers: ManualTimers
let warnings: string[]
const logger = { warn: (m: string) => warnings.push(m) }
const stateFile = () => join(dataDir, WINDOW_STATE_FILE)

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-window-'))
  timers = new ManualTimers()
  warnings = []
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('readWindowState', () => {
  it('is null on first start, without a warning', async () => {
    expect(await readWindowState(dataDir, logger)).toBeNull()
    expect(warnings).toEqual([])
  })

  it('reads a saved state', async () => {
    await writeFile(stateFile(), '{"bounds":{"x":1,"y":2,"width":1000,"height":700},"maximized":false}')
    expect(await readWindowState(dataDir, logger)).toEqual({ bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false })
  })

  it('a damaged file: null and a warning naming it, never a crash', async () => {
    await writeFile(stateFile(), '{"bounds": nope')
    expect(await readWindowState(dataDir, logger)).toBeNull()
    expect(warnings).toEqual([`${stateFile()} is not a window state; the window opens at its default place`])
  })

  it('an unreadable path (a folder where the file should be): null and a warning', async () => {
    await mkdir(stateFile())
    expect(await readWindowState(dataDir, logger)).toBeNull()
    expect(warnings[0]).toMatch(/^cannot read .*window-state\.json/)
  })
})

describe('trackWindowState', () => {
  it('writes the state once the window has kept still, not on every move', async () => {
    const window = new FakeWindow()
    const tracker = trackWindowState(window, { dataDir, timers, logger })
    window.moveTo({ x: 110 })
    window.moveTo({ x: 120 })
    window.bounds = { ...window.bounds, width: 1100 }
    window.emit('resize')
    expect(timers.pending.size).toBe(1)
    expect([...timers.pending.values()][0]!.ms).toBe(SAVE_DELAY_MS)
    timers.fireAll()
    await tracker.flush()
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))).toEqual({
      bounds: { x: 120, y: 80, width: 1100, height: 700 },
      maximized: false
    })
    // No stray temporary files from the atomic write.
    expect(await readdir(dataDir)).toEqual([WINDOW_STATE_FILE])
  })

  it('keeps the normal bounds and the maximised flag when maximised', async () => {
    const window = new FakeWindow()
    const tracker = trackWindowState(window, { dataDir, timers, logger })
    window.maximized = true
    window.emit('maximize')
    await tracker.flush()
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))).toEqual({ bounds: window.bounds, maximized: true })
  })

  it('writes at once when the window closes, and what it writes reads back', async () => {
    const window = new FakeWindow()
    const tracker = trackWindowState(window, { dataDir, timers, logger })
    window.bounds = { x: -300, y: 40, width: 900.4, height: 650.6 }
    window.emit('close')
    window.destroyed = true
    window.emit('closed')
    await tracker.flush()
    expect(timers.pending.size).toBe(0)
    expect(await readWindowState(dataDir, logger)).toEqual({ bounds: { x: -300, y: 40, width: 900, height: 651 }, maximized: false })
  })

  it('does not write when nothing changed since the last write', async () => {
    const writes: string[] = []
    const window = new FakeWindow()
    const tracker = trackWindowState(window, { dataDir, timers, logger, write: async (_path, text) => void writes.push(text) })
    window.emit('move')
    await tracker.flush()
    window.emit('move')
    await tracker.flush()
    window.moveTo({ y: 90 })
    await tracker.flush()
    expect(writes.map((w) => JSON.parse(w).bounds.y)).toEqual([80, 90])
  })

  it('writes one after another, so a slow older write never lands over a newer one', async () => {
    const order: number[] = []
    const first = deferred<undefined>()
    const window = new FakeWindow()
    const tracker = trackWindowState(window, {
      dataDir,
      timers,
      logger,
      write: async (_path, text) => {
        const x = JSON.parse(text).bounds.x as number
        if (x === 1) await first.promise
        order.push(x)
      }
    })
    window.moveTo({ x: 1 })
    void tracker.flush()
    window.moveTo({ x: 2 })
    const second = tracker.flush()
    first.resolve(undefined)
    await second
    expect(order).toEqual([1, 2])
  })

  it('a failed write is a warning, not a crash, and later writes still happen', async () => {
    let fail = true
    const written: string[] = []
    const window = new FakeWindow()
    const tracker = trackWindowState(window, {
      dataDir,
      timers,
      logger,
      write: async (_path, text) => {
        if (fail) throw new Error('EACCES: permission denied')
        written.push(text)
      }
    })
    window.moveTo({ x: 5 })
    await expect(tracker.flush()).resolves.toBeUndefined()
    expect(warnings).toEqual([`cannot save the window's place to ${stateFile()}: EACCES: permission denied`])
    fail = false
    window.moveTo({ x: 6 })
    await tracker.flush()
    expect(written).toHaveLength(1)
  })

  it('ignores events after the window is destroyed', async () => {
    const writes: string[] = []
    const window = new FakeWindow()
    const tracker = trackWindowState(window, { dataDir, timers, logger, write: async (_p, text) => void writes.push(text) })
    window.destroyed = true
    window.emit('resize')
    await tracker.flush()
    expect(writes).toEqual([])
  })
})
