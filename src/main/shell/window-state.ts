/**
 * Where the main window opens: where and how large it was when it last closed, unless that would put it off screen.
 * Pure module (no `electron`, no files): window-state-file.ts reads and writes the saved state, index.ts passes the
 * displays' work areas (the screen less the taskbar, dock and menu bar).
 */
import * as z from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  /** The window's normal (not maximised, not full-screen) bounds. */
  bounds: Rect
  maximized: boolean
}

export interface WindowSize {
  width: number
  height: number
  minWidth: number
  minHeight: number
}

/** What to give the BrowserWindow: no x/y means "let the OS centre it". */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

// Coordinates may be negative (a display left of or above the primary one); sizes are positive. The bounds keep a
// hand-edited or corrupted file from producing absurd numbers.
const coordinate = z.int().min(-100_000).max(100_000)
const length = z.int().min(1).max(100_000)

export const windowStateSchema = z.object({
  bounds: z.object({ x: coordinate, y: coordinate, width: length, height: length }),
  maximized: z.boolean()
})

/** The saved state in `text`, or null when there is none or it is not a window state (the defaults then apply). */
export function parseWindowState(text: string | null): WindowState | null {
  if (text === null) return null
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = windowStateSchema.safeParse(json)
  return parsed.success ? parsed.data : null
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

const clamp = (value: number, min: number, max: number): number => Math.min(Math.max(value, min), max)

/** A size no smaller than the window's minimum, and no larger than the work area (the smaller wins). */
function fitSize(width: number, height: number, size: WindowSize, area: Rect): { width: number; height: number } {
  return {
    width: Math.min(Math.max(width, size.minWidth), area.width),
    height: Math.min(Math.max(height, size.minHeight), area.height)
  }
}

/**
 * The placement for the window. `workAreas` lists every display's work area, the primary display's first.
 * - Nothing saved: the default size (fitted to the primary display), centred by the OS.
 * - Saved: on the display the window overlapped most, its size fitted to that display and moved just enough to be
 *   wholly inside its work area (a display that has since shrunk or moved).
 * - Saved on a display that is gone: the saved size on the primary display, centred there.
 */
export function windowPlacement(saved: WindowState | null, workAreas: readonly Rect[], size: WindowSize): WindowPlacement {
  const primary = workAreas[0]
  if (!primary) return { width: size.width, height: size.height, maximized: saved?.maximized ?? false }
  if (!saved) return { ...fitSize(size.width, size.height, size, primary), maximized: false }

  const best = workAreas
    .map((area) => ({ area, overlap: overlapArea(saved.bounds, area) }))
    .reduce((a, b) => (b.overlap > a.overlap ? b : a))
  if (best.overlap === 0) {
    const fitted = fitSize(saved.bounds.width, saved.bounds.height, size, primary)
    return {
      x: primary.x + Math.round((primary.width - fitted.width) / 2),
      y: primary.y + Math.round((primary.height - fitted.height) / 2),
      ...fitted,
      maximized: saved.maximized
    }
  }
  const area = best.area
  const fitted = fitSize(saved.bounds.width, saved.bounds.height, size, area)
  return {
    x: clamp(saved.bounds.x, area.x, area.x + area.width - fitted.width),
    y: clamp(saved.bounds.y, area.y, area.y + area.height - fitted.height),
    ...fitted,
    maximized: saved.maximized
  }
}
