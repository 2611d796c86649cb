// The main process's lifecycle (src/main/shell/index.ts) run in plain Node against a stand-in `electron` module: what
// happens at start (sandbox, single instance, menu, About, the window at its saved place, IPC), on a second launch,
// when a watched check turns green, when the user picks another language, and on quit. The engine is a scripted
// double (tests/support/fake-engine.ts); everything else is the real code, writing to a temporary data folder.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { MenuItemConstructorOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS, type AppSettings } from '../../../src/shared/api'
import { FakeIpcMain } from '../../support/ipc-fakes'
import { flush, sampleInput, sampleReport, verifiedReport, type FakeEngine } from '../../support/fake-engine'
import { electronState as state, fakeElectronModule } from './fake-electron'

vi.mock('electron', async () => {
  const { fakeElectronModule } = await import('./fake-electron')
  return { default: fakeElectronModule, ...fakeElectronModule }
})
vi.mock('../../../src/main/services/default-engine', async () => {
  const { FakeEngine } = await import('../../support/fake-engine')
  return { defaultEngine: new FakeEngine() }
})

const ipcMain = new FakeIpcMain()
// The page the window loads, as window.ts computes it for an unpackaged build run from the sources.
const APP_URL = pathToFileURL(resolve('src/main/renderer/index.html')).href
const invoke = (channel: string, input?: unknown) => ipcMain.invoke(channel, input === undefined ? [] : [input], { url: APP_URL, parent: null })
const editRoles = (menu: MenuItemConstructorOptions[], label: string) =>
  ((menu.find((m) => m.label === label)?.submenu ?? []) as MenuItemConstructorOptions[]).flatMap((i) => (i.role ? [i.role] : []))
const lastMenu = () => state.menus.at(-1)!
const mainWindow = () => state.windows[0]!

let engine: FakeEngine
let platform: PropertyDescriptor | undefined

beforeAll(async () => {
  state.userData = await mkdtemp(join(tmpdir(), 'dnsverify-lifecycle-'))
  state.ipcMain = ipcMain
  // Where the window was when it last closed: on the second display.
  await writeFile(
    join(state.userData, 'window-state.json'),
    JSON.stringify({ bounds: { x: 2000, y: 50, width: 1100, height: 760 }, maximized: false })
  )
  platform = Object.getOwnPropertyDescriptor(process, 'platform')
  Object.defineProperty(process, 'platform', { value: 'linux' })
  engine = (await import('../../../src/main/services/default-engine')).defaultEngine as FakeEngine
  await import('../../../src/main/shell/index')
  await vi.waitFor(() => expect(state.windows).toHaveLength(1))
})

afterAll(async () => {
  if (platform) Object.defineProperty(process, 'platform', platform)
  await rm(state.userData, { recursive: true, force: true })
})

describe('main process lifecycle (Linux)', () => {
  it('starts sandboxed, as the single instance, with the session policy, and without an AppUserModelID', () => {
    expect(state.calls.slice(0, 2)).toEqual(['enableSandbox', 'requestSingleInstanceLock'])
    expect(state.calls).toEqual(expect.arrayContaining(['onHeadersReceived', 'setPermissionRequestHandler']))
    expect(state.calls.some((c) => c.startsWith('setAppUserModelId'))).toBe(false)
  })

  it('installs the menu and About in the system language, with the version', () => {
    const menu = lastMenu()
    expect(menu.map((m) => m.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda'])
    expect(editRoles(menu, 'Edición')).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll'])
    // A packaged app: no reload, no developer tools.
    expect(editRoles(menu, 'Ver')).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    expect(state.about.at(-1)).toMatchObject({ applicationVersion: '9.8.7' })
  })

  it("opens the window where it was, sandboxed and context-isolated, on the app's page", () => {
    const window = mainWindow()
    expect(window.options).toMatchObject({
      x: 2000,
      y: 50,
      width: 1100,
      height: 760,
      minWidth: 880,
      minHeight: 600,
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false }
    })
    expect(window.calls).toContain(`loadURL ${APP_URL}`)
    window.emit('ready-to-show')
    expect(window.calls).toContain('show')
    expect(window.calls).not.toContain('maximize')
  })

  it('serves every API channel over IPC', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([...API_CHANNELS])
  })

  it('a second launch brings the first window forward', () => {
    const window = mainWindow()
    window.calls.length = 0
    window.minimized = true
    fakeElectronModule.app.emit('second-instance')
    expect(window.calls).toEqual(['restore', 'show', 'focus'])
    window.minimized = false
  })

  it('a Help link opens in the browser through the allow-list', () => {
    const help = lastMenu().find((m) => m.label === 'Ayuda')!.submenu as MenuItemConstructorOptions[]
    ;(help[0]!.click as () => void)()
    expect(state.calls.at(-1)).toBe('openExternal https://letsencrypt.org/docs/challenge-types/#dns-01-challenge')
  })

  it('notifies once when a watched check turns green, in the language of the settings; a click shows the window', async () => {
    const input = sampleInput({ domains: ['example.org'] })
    engine.script = async (call) => (call === 1 ? sampleReport(undefined, input) : verifiedReport(input))
    await invoke('watch:start', { sessionId: 's1', input, intervalSeconds: 60 })
    // The first check has ended (its result reached the page) before the user starts the next one.
    await vi.waitFor(() => expect(mainWindow().sent.some((m) => (m.payload as { phase?: string }).phase === 'done')).toBe(true))
    await flush()
    expect(state.notifications).toEqual([])
    // The user restarts the check after fixing the record: the next check is green.
    await invoke('watch:start', { sessionId: 's1', input, intervalSeconds: 60 })
    await vi.waitFor(() => expect(state.notifications).toHaveLength(1))
    const notification = state.notifications[0]!
    await vi.waitFor(() => expect(notification.shown).toBe(true))
    expect(notification.options.title).toBe('Su registro DNS está listo')
    expect(notification.options.body).toMatch(/^example\.org: /)
    mainWindow().calls.length = 0
    notification.emit('click')
    expect(mainWindow().calls).toEqual(['show', 'focus'])
    await invoke('watch:stop', { sessionId: 's1' })
  })

  it('follows the language the user picks: the menu is rebuilt in it', async () => {
    const settings = (await invoke('settings:get')) as { ok: true; value: AppSettings }
    const result = await invoke('settings:set', { ...settings.value, locale: 'zh-CN' })
    expect(result).toMatchObject({ ok: true })
    expect(lastMenu().map((m) => m.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助'])
  })

  it('remembers where the window was when it closes, and quits only after writing it', async () => {
    const window = mainWindow()
    window.bounds = { x: 40, y: 30, width: 1000, height: 700 }
    window.emit('move')
    window.emit('close')
    window.destroyed = true
    window.emit('closed')
    state.calls.length = 0
    fakeElectronModule.app.emit('window-all-closed')
    expect(state.calls).toEqual(['quit'])
    const preventDefault = vi.fn()
    fakeElectronModule.app.emit('will-quit', { preventDefault })
    expect(preventDefault).toHaveBeenCalledOnce()
    await vi.waitFor(() => expect(state.calls).toEqual(['quit', 'quit']))
    expect(JSON.parse(await readFile(join(state.userData, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      maximized: false
    })
    // The second will-quit goes through.
    const again = vi.fn()
    fakeElectronModule.app.emit('will-quit', { preventDefault: again })
    expect(again).not.toHaveBeenCalled()
  })

  it('the dock icon (activate) with no window open makes a new one at the saved place', async () => {
    fakeElectronModule.app.emit('activate')
    await vi.waitFor(() => expect(state.windows).toHaveLength(2))
    expect(state.windows[1]!.options).toMatchObject({ x: 40, y: 30, width: 1000, height: 700 })
  })
})
