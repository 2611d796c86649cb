import { describe, expect, it } from 'vitest'
import { parseWindowState, windowPlacement, type Rect, type WindowState } from '../../../src/main/shell/window-state'

const SIZE = { width: 1000, height: 700, minWidth: 880, minHeight: 600 }
// A 1920×1080 primary display with a 40 px taskbar, and a 2560×1440 display to its right.
const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 }
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }
// A display to the left of the primary one has negative coordinates.
const LEFT: Rect = { x: -1280, y: 0, width: 1280, height: 984 }

const saved = (bounds: Rect, maximized = false): WindowState => ({ bounds, maximized })

describe('windowPlacement', () => {
  it('first start: the default size, centred by the OS', () => {
    expect(windowPlacement(null, [PRIMARY], SIZE)).toEqual({ width: 1000, height: 700, maximized: false })
  })

  it('first start on a small screen: the default size shrunk to the work area', () => {
    expect(windowPlacement(null, [{ x: 0, y: 0, width: 900, height: 650 }], SIZE)).toEqual({ width: 900, height: 650, maximized: false })
  })

  it('restores the saved place and size when it is on a display', () => {
    expect(windowPlacement(saved({ x: 100, y: 80, width: 1200, height: 800 }), [PRIMARY, RIGHT], SIZE)).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: false
    })
  })

  it('restores on the secondary display, and on one with negative coordinates', () => {
    expect(windowPlacement(saved({ x: 2500, y: 200, width: 1000, height: 700 }), [PRIMARY, RIGHT], SIZE)).toMatchObject({ x: 2500, y: 200 })
    expect(windowPlacement(saved({ x: -1200, y: 10, width: 1000, height: 700 }), [PRIMARY, LEFT], SIZE)).toMatchObject({ x: -1200, y: 10 })
  })

  it('keeps the maximised flag', () => {
    expect(windowPlacement(saved({ x: 0, y: 0, width: 1000, height: 700 }, true), [PRIMARY], SIZE).maximized).toBe(true)
  })

  it('pulls a window hanging off the edge wholly into the display it overlaps most', () => {
    // 900 px of 1000 are off the right edge of the only display
    expect(windowPlacement(saved({ x: 1820, y: 500, width: 1000, height: 700 }), [PRIMARY], SIZE)).toEqual({
      x: 920,
      y: 340,
      width: 1000,
      height: 700,
      maximized: false
    })
    // the title bar above the top of the screen
    expect(windowPlacement(saved({ x: 10, y: -300, width: 1000, height: 700 }), [PRIMARY], SIZE)).toMatchObject({ x: 10, y: 0 })
  })

  it('straddling two displays: goes to the one holding most of it', () => {
    // 600 of 1000 px on the right-hand display
    expect(windowPlacement(saved({ x: 1520, y: 100, width: 1000, height: 700 }), [PRIMARY, RIGHT], SIZE)).toMatchObject({ x: 1920, y: 100 })
    // 600 of 1000 px on the primary display
    expect(windowPlacement(saved({ x: 1320, y: 100, width: 1000, height: 700 }), [PRIMARY, RIGHT], SIZE)).toMatchObject({ x: 920, y: 100 })
  })

  it('a display that is gone: the saved size, centred on the primary display', () => {
    expect(windowPlacement(saved({ x: 5000, y: 3000, width: 1200, height: 800 }), [PRIMARY], SIZE)).toEqual({
      x: 360,
      y: 120,
      width: 1200,
      height: 800,
      maximized: false
    })
  })

  it('a window larger than the display that has it now: fitted to the work area', () => {
    expect(windowPlacement(saved({ x: 0, y: 0, width: 2400, height: 1400 }), [PRIMARY], SIZE)).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
      maximized: false
    })
  })

  it('a saved size below the minimum grows back to it', () => {
    expect(windowPlacement(saved({ x: 10, y: 10, width: 300, height: 200 }), [PRIMARY], SIZE)).toMatchObject({ width: 880, height: 600 })
  })

  it('no display information at all: the default size, nowhere in particular', () => {
    expect(windowPlacement(saved({ x: 10, y: 10, width: 1200, height: 800 }), [], SIZE)).toEqual({ width: 1000, height: 700, maximized: false })
  })
})

describe('parseWindowState', () => {
  it('reads what was saved', () => {
    expect(parseWindowState('{"bounds":{"x":-5,"y":0,"width":1000,"height":700},"maximized":true}')).toEqual({
      bounds: { x: -5, y: 0, width: 1000, height: 700 },
      maximized: true
    })
  })

  it.each([
    ['no file', null],
    ['not JSON', '{"bounds":'],
    ['an empty file', ''],
    ['another shape', '{"width":1000}'],
    ['a zero size', '{"bounds":{"x":0,"y":0,"width":0,"height":700},"maximized":false}'],
    ['fractions', '{"bounds":{"x":0.5,"y":0,"width":1000,"height":700},"maximized":false}'],
    ['absurd coordinates', '{"bounds":{"x":1e12,"y":0,"width":1000,"height":700},"maximized":false}'],
    ['a string flag', '{"bounds":{"x":0,"y":0,"width":1000,"height":700},"maximized":"yes"}'],
    ['null', 'null']
  ])('%s → null (the defaults apply)', (_what, text) => {
    expect(parseWindowState(text)).toBeNull()
  })
})
