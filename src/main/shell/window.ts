import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { app, BrowserWindow, shell } from 'electron'
import { APP_NAME } from './app-identity'
import { isAllowedExternalUrl, isAppUrl } from './navigation-policy'
import type { WindowPlacement, WindowSize } from './window-state'

/** The window's size on first start, and the smallest the wizard's layout works at. */
export const MAIN_WINDOW_SIZE: WindowSize = { width: 1000, height: 700, minWidth: 880, minHeight: 600 }

/** The page the window shows: the electron-vite dev server in development, the built index.html otherwise. */
export function rendererUrl(): string {
  const devServerUrl = process.env['ELECTRON_RENDERER_URL']
  // A packaged app ignores the variable, so nobody can point the shipped app at another page through the environment.
  if (!app.isPackaged && devServerUrl) return devServerUrl
  return pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href
}

/** Opens `url` in the user's browser if it is on the allow-list (navigation-policy.ts); drops it otherwise. */
export function openExternalIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url)
}

/**
 * Creates the main window at `placement` (window-state.ts): sandboxed, context-isolated, with no way to navigate away
 * or open other windows.
 */
export function createMainWindow(placement: WindowPlacement): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    // Both or neither: without a position the OS centres the window.
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    width: placement.width,
    height: placement.height,
    minWidth: MAIN_WINDOW_SIZE.minWidth,
    minHeight: MAIN_WINDOW_SIZE.minHeight,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false
    }
  })
  const appUrl = rendererUrl()

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize()
    window.show()
  })

  // No second windows: links with target=_blank go to the user's browser if they are on the allow-list.
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url)
    return { action: 'deny' }
  })

  // The window only ever shows our page; a plain link click goes to the browser the same way.
  window.webContents.on('will-navigate', (event) => {
    if (isAppUrl(event.url, appUrl)) return
    event.preventDefault()
    openExternalIfAllowed(event.url)
  })
  window.webContents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())

  void window.loadURL(appUrl)
  return window
}
