import { contextBridge } from 'electron'

// What the renderer sees as `window.dnsVerify`. For now only the app version; the typed Api from src/shared
// (one ipcRenderer.invoke per call) replaces this placeholder. Never expose ipcRenderer, a generic
// invoke(channel), or process.env here.
const dnsVerify = {
  version: __APP_VERSION__
} as const

contextBridge.exposeInMainWorld('dnsVerify', dnsVerify)
