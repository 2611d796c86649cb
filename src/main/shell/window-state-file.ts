/**
 * The main window's size and position, kept in `window-state.json` in the app's data folder: read once at start,
 * written (atomically, see services/atomic-file.ts) a moment after the window stops moving or resizing, and when it
 * closes. Writes run one after another, newest state last, so an older state never lands over a newer one.
 *
 * No `electron` import: the window is passed in, so this is unit-tested without Electron.
 */
import { join } from 'node:path'
import { readTextIfExists, writeFileAtomic } from '../services/atomic-file'
import { parseWindowState, type Rect, type WindowState } from './window-state'

export const WINDOW_STATE_FILE = 'window-state.json'

/** How long the window must keep still before its state is written. */
export const SAVE_DELAY_MS = 500

/** The part of Electron's `BrowserWindow` used here. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
  isDestroyed(): boolean
}

export interface SaveTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: SaveTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export interface TrackOptions {
  dataDir: string
  timers?: SaveTimers
  logger?: { warn(message: string): void }
  /** Test seam; the atomic write by default. */
  write?: (path: string, text: string) => Promise<void>
}

export interface WindowStateTracker {
  /** Writes the latest state now if it has not been written; resolves when every write so far has ended. */
  flush(): Promise<void>
}

const consoleLogger = { warn: (message: string) => console.warn(`[dns-verify] ${message}`) }

/** The saved state, or null (first start, or a file that is unreadable or not a window state: defaults apply). */
export async function readWindowState(dataDir: string, logger = consoleLogger): Promise<WindowState | null> {
  const path = join(dataDir, WINDOW_STATE_FILE)
  try {
    const text = await readTextIfExists(path)
    const state = parseWindowState(text)
    if (text !== null && state === null) logger.warn(`${path} is not a window state; the window opens at its default place`)
    return state
  } catch (error) {
    logger.warn(`cannot read ${path}: ${(error as Error).message}`)
    return null
  }
}

export function trackWindowState(window: TrackedWindow, options: TrackOptions): WindowStateTracker {
  const path = join(options.dataDir, WINDOW_STATE_FILE)
  const timers = options.timers ?? realTimers
  const logger = options.logger ?? consoleLogger
  const write = options.write ?? ((file: string, text: string) => writeFileAtomic(file, text))
  let timer: unknown = null
  let pending: string | null = null
  let lastWritten: string | null = null
  let writes: Promise<void> = Promise.resolve()

  const capture = (): void => {
    if (window.isDestroyed()) return
    const b = window.getNormalBounds()
    const state: WindowState = {
      bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
      maximized: window.isMaximized()
    }
    pending = JSON.stringify(state)
  }

  const flush = (): Promise<void> => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    const text = pending
    pending = null
    if (text === null || text === lastWritten) return writes
    writes = writes
      .then(async () => {
        await write(path, `${text}\n`)
        lastWritten = text
      })
      .catch((error: unknown) => {
        logger.warn(`cannot save the window's place to ${path}: ${(error as Error).message}`)
      })
    return writes
  }

  const scheduleSave = (): void => {
    capture()
    if (timer !== null) timers.clearTimeout(timer)
    timer = timers.setTimeout(() => void flush(), SAVE_DELAY_MS)
  }

  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, scheduleSave)
  // Still alive during 'close' (gone by 'closed'): the last chance to read its bounds.
  window.on('close', () => {
    capture()
    void flush()
  })
  return { flush }
}
