// A stand-in for the `electron` module, enough for src/main/shell/index.ts and the modules it starts, so the main
// process's lifecycle runs in plain Node (tests/unit/shell/main-lifecycle*.test.ts). It records what the app asked of
// Electron in `electronState`; windows, notifications and `app` are event emitters the tests can fire.
import type { MenuItemConstructorOptions } from 'electron'

class Emitter {
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>()
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: (...args: unknown[]) => void) {
    return this.on(event, listener)
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args)
  }
}

const state = {
  userData: '',
  locale: 'es-ES',
  lock: true,
  calls: [] as string[],
  windows: [] as FakeBrowserWindow[],
  menus: [] as MenuItemConstructorOptions[][],
  about: [] as unknown[],
  notifications: [] as FakeNotification[],
  ipcMain: null as unknown
}

class FakeBrowserWindow extends Emitter {
  static getAllWindows = () => state.windows.filter((w) => !w.destroyed)
  destroyed = false
  minimized = false
  bounds: { x: number; y: number; width: number; height: number }
  /** What main pushed to the page (`webContents.send`), in order. */
  readonly sent: { channel: string; payload: unknown }[] = []
  readonly webContents = Object.assign(new Emitter(), {
    setWindowOpenHandler: () => undefined,
    send: (channel: string, payload: unknown) => void this.sent.push({ channel, payload }),
    isDestroyed: () => false,
    // What the window loaded, as Electron reports it: main pushes events only to its own page.
    getURL: () => this.url
  })
  private url = ''
  readonly calls: string[] = []
  constructor(readonly options: Record<string, unknown> & { width: number; height: number; x?: number; y?: number }) {
    super()
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height }
    state.windows.push(this)
  }
  loadURL(url: string) {
    this.url = url
    this.calls.push(`loadURL ${url}`)
    return Promise.resolve()
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  isMaximized = () => false
  isMinimized = () => this.minimized
  isDestroyed = () => this.destroyed
  restore = () => void this.calls.push('restore')
  show = () => void this.calls.push('show')
  focus = () => void this.calls.push('focus')
  maximize = () => void this.calls.push('maximize')
}

class FakeNotification extends Emitter {
  static isSupported = () => true
  shown = false
  constructor(readonly options: { title: string; body: string }) {
    super()
    state.notifications.push(this)
  }
  show() {
    this.shown = true
  }
}

const app = Object.assign(new Emitter(), {
  isPackaged: true,
  enableSandbox: () => void state.calls.push('enableSandbox'),
  requestSingleInstanceLock: () => (state.calls.push('requestSingleInstanceLock'), state.lock),
  setAppUserModelId: (id: string) => void state.calls.push(`setAppUserModelId ${id}`),
  quit: () => void state.calls.push('quit'),
  exit: (code: number) => void state.calls.push(`exit ${code}`),
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => (name === 'userData' ? state.userData : `/nonexistent/${name}`),
  getLocale: () => state.locale,
  getVersion: () => '9.8.7',
  setAboutPanelOptions: (options: unknown) => void state.about.push(options)
})

/** What the app asked of Electron, and the windows and notifications it made. */
export const electronState = state

export const fakeElectronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Notification: FakeNotification,
  dialog: { showErrorBox: (title: string, text: string) => void state.calls.push(`showErrorBox ${title}: ${text}`) },
  get ipcMain() {
    return state.ipcMain
  },
  Menu: {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
    setApplicationMenu: (menu: MenuItemConstructorOptions[]) => void state.menus.push(menu)
  },
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, workArea: { x: 1920, y: 0, width: 1280, height: 1000 } }
    ]
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: () => void state.calls.push('onHeadersReceived') },
      setPermissionRequestHandler: () => void state.calls.push('setPermissionRequestHandler')
    }
  },
  shell: { openExternal: (url: string) => (state.calls.push(`openExternal ${url}`), Promise.resolve()) }
}

export type { FakeBrowserWindow, FakeNotification }
