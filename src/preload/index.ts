import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { WatchProgress } from '../shared/api'
import type { PreloadApi } from '../shared/api-result'

// What the renderer sees as `window.dnsVerify`: the typed Api, one ipcRenderer.invoke per call, written out so a
// review sees the whole surface. Each call resolves to its `{ ok, value | error }` envelope; the renderer's
// src/renderer/src/api/ipc.ts turns that into a value or an ApiError (the contextBridge would drop an Error's
// `code` and `field`). Nothing generic is exposed: no ipcRenderer, no invoke(channel), no process.env.
// Built as one CommonJS file that requires only 'electron' (a sandboxed preload cannot load anything else).

const dnsVerify: PreloadApi = {
  version: __APP_VERSION__,

  'catalog:providers': () => ipcRenderer.invoke('catalog:providers'),
  'catalog:cas': () => ipcRenderer.invoke('catalog:cas'),
  'catalog:resolverPresets': () => ipcRenderer.invoke('catalog:resolverPresets'),
  'dns:delegation': (input) => ipcRenderer.invoke('dns:delegation', input),
  'diagnosis:run': (input) => ipcRenderer.invoke('diagnosis:run', input),
  'sessions:list': () => ipcRenderer.invoke('sessions:list'),
  'sessions:save': (session) => ipcRenderer.invoke('sessions:save', session),
  'sessions:delete': (input) => ipcRenderer.invoke('sessions:delete', input),
  'settings:get': () => ipcRenderer.invoke('settings:get'),
  'settings:set': (settings) => ipcRenderer.invoke('settings:set', settings),
  'report:render': (input) => ipcRenderer.invoke('report:render', input),
  'watch:start': (input) => ipcRenderer.invoke('watch:start', input),
  'watch:stop': (input) => ipcRenderer.invoke('watch:stop', input),
  'store:problems': () => ipcRenderer.invoke('store:problems'),

  onDidWatchProgress(listener: (event: WatchProgress) => void): () => void {
    // The IPC event (sender, ports) stays here; the page gets only the progress data.
    const handler = (_event: IpcRendererEvent, progress: WatchProgress): void => listener(progress)
    ipcRenderer.on('watch:onDidProgress', handler)
    return () => {
      ipcRenderer.removeListener('watch:onDidProgress', handler)
    }
  }
}

contextBridge.exposeInMainWorld('dnsVerify', dnsVerify)
