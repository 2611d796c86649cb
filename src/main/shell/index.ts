// The Electron main process: lifecycle only. What the app does lives in services/ (through the IPC adapter); the
// window, menu, window placement and notifications each have a module of their own beside this one.
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, screen, session } from 'electron'
import { createApiService } from '../services/api-service'
import { defaultEngine } from '../services/default-engine'
import { localeFromTags } from '../../shared/app-locales'
import { APP_NAME, APP_USER_MODEL_ID } from './app-identity'
import { registerIpc } from './ipc'
import { aboutPanelOptions, installApplicationMenu } from './menu'
import { createVerifiedNotifier } from './notifications'
import { applySessionPolicy } from './session-policy'
import { reportingLocaleChanges } from './settings-locale'
import { shellText, type Locale } from './shell-text'
import { createMainWindow, MAIN_WINDOW_SIZE, openExternalIfAllowed, rendererUrl } from './window'
import { windowPlacement } from './window-state'
import { readWindowState, trackWindowState, type WindowStateTracker } from './window-state-file'

let mainWindow: BrowserWindow | null = null
let windowState: WindowStateTracker | null = null
/** The window being created (its saved place is read first), so two quick calls do not make two windows. */
let creating: Promise<void> | null = null

/** Every display's work area, the primary display's first (what windowPlacement expects). */
function workAreas(): Electron.Rectangle[] {
  const primary = screen.getPrimaryDisplay()
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea)
}

async function createWindow(): Promise<void> {
  const dataDir = app.getPath('userData')
  const window = createMainWindow(windowPlacement(await readWindowState(dataDir), workAreas(), MAIN_WINDOW_SIZE))
  mainWindow = window
  windowState = trackWindowState(window, { dataDir })
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
}

/** Brings the main window forward (a second launch, a click on a notification, the dock icon), or opens it again. */
function showMainWindow(): void {
  if (!mainWindow) {
    creating ??= createWindow().finally(() => (creating = null))
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

/** Menu and About in `locale`; again whenever the user picks another language. */
function applyLanguage(locale: Locale): void {
  const text = shellText(locale)
  installApplicationMenu(Menu, { platform: process.platform, isDev: !app.isPackaged, text, openLink: openExternalIfAllowed })
  app.setAboutPanelOptions(aboutPanelOptions(app.getVersion(), text))
}

async function start(): Promise<void> {
  applySessionPolicy(session.defaultSession)
  const service = createApiService({
    dataDir: app.getPath('userData'),
    engine: defaultEngine,
    defaultLocale: localeFromTags([app.getLocale()])
  })
  applyLanguage((await service['settings:get']()).locale)
  registerIpc(reportingLocaleChanges(service, applyLanguage), {
    ipcMain,
    appUrl: rendererUrl(),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents)
  })
  const notifier = createVerifiedNotifier(
    { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
    { locale: async () => (await service['settings:get']()).locale, onClick: showMainWindow }
  )
  service.onDidWatchProgress((progress) => notifier.onProgress(progress))

  // Quitting waits for the last window-state write and for the watches to stop, then quits for real.
  let cleanedUp = false
  app.on('will-quit', (event) => {
    if (cleanedUp) return
    event.preventDefault()
    void Promise.allSettled([windowState?.flush(), service.dispose()]).then(() => {
      cleanedUp = true
      app.quit()
    })
  })

  creating = createWindow().finally(() => (creating = null))
  await creating
  // macOS: clicking the dock icon with no window open makes a new one.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showMainWindow()
  })
}

// Windows shows a notification only for an app whose AppUserModelID matches its Start-menu shortcut (app-identity.ts).
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID)

// Every renderer runs sandboxed, whatever a single window's options say.
app.enableSandbox()

// One instance: a second launch hands over to the first (which comes forward) and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showMainWindow)

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Without a window nobody would know why nothing happened.
      dialog.showErrorBox(APP_NAME, `The app could not start: ${error instanceof Error ? error.message : String(error)}`)
      app.exit(1)
    })
}
