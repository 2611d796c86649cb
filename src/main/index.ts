import { app, BrowserWindow, session } from 'electron'
import { applySessionPolicy } from './session-policy'
import { createMainWindow } from './window'

// TODO(ipc): register the IPC handlers here once src/main/ipc.ts exists:
//   import { registerIpc } from './ipc'   …   registerIpc() inside whenReady, before createWindow().

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
    createWindow()
    // macOS: clicking the dock icon with no window open makes a new one.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })
}
