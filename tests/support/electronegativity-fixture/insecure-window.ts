// Deliberately insecure: the plant for tests/integration/electronegativity.test.ts. The test scans this folder with
// the same options as the app and expects HIGH and MEDIUM findings here, so a scan of the app that finds nothing
// cannot be a scan that checked nothing. Never imported by the app; written in TypeScript like src/main so that the
// scanner's TypeScript parsing is what gets exercised.
import { BrowserWindow } from 'electron'

export function createInsecureWindow(): BrowserWindow {
  const window = new BrowserWindow({
    webPreferences: {
      nodeIntegration: true,
      contextIsolation: false,
      sandbox: false,
      webSecurity: false
    }
  })
  void window.loadURL('http://example.com/')
  return window
}
