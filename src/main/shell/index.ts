import { app, BrowserWindow, ipcMain, session } from 'electron'
import { registerIpc } from './ipc'
import { createApiService } from '../services/api-service'
import { defaultEngine } from '../services/default-engine'
import { localeFromTags } from '../../shared/app-locales'
import { applySessionPolicy } from './session-policy'
import { createMainWindow, rendererUrl } from './window'

let mainWindow: BrowserWindow | null = null

function createWindow(): void {
  mainWindow = createMainWindow()
  mainWindow.on('closed', () => {
    mainWindow = null
  })
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

// Every renderer runs sandboxed, whatever a single window's options say.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  void app.whenReady().then(() => {
    applySessionPolicy(session.defaultSession)
    const service = createApiService({
      dataDir: app.getPath('userData'),
      engine: defaultEngine,
      defaultLocale: localeFromTags([app.getLocale()])
    })
    registerIpc(service, {
      ipcMain,
      appUrl: rendererUrl(),
      targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents)
    })
    app.on('will-quit', () => void service.dispose())
    createWindow()
    // macOS: clicking the dock icon with no window open makes a new one.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })
}
