// The whole IPC surface in one place, as Insomnia's services-invoke-surface test does: the channels main
// handles, the events it pushes, and what the preload exposes. Any change to the surface changes the inline
// snapshot below, so it shows in review. The preload runs here for real against the IPC adapter, with
// 'electron' replaced by stand-ins that route invoke() to the registered handlers.

import { EventEmitter } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS, type WatchProgress } from '../../src/shared/api'
import type { PreloadApi } from '../../src/shared/api-result'
import { registerIpc, WATCH_PROGRESS_CHANNEL } from '../../src/main/shell/ipc'
import { createApiService, type ApiService } from '../../src/main/services/api-service'
import { defaultSettings } from '../../src/shared/default-settings'
import { getApi, setApi } from '../../src/renderer/src/api/index'
import { createIpcClient, isPreloadApi } from '../../src/renderer/src/api/ipc'
import { FakeEngine, ManualTimers, sampleInput } from '../support/fake-engine'
import { FakeIpcMain, type FakeWebContents } from '../support/ipc-fakes'

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {}
  const state: { ipcMain: FakeIpcMain | null } = { ipcMain: null }
  // Filled in beforeAll (vi.hoisted code cannot import).
  const rendererEvents = { emitter: null as EventEmitter | null }
  return {
    exposed,
    state,
    rendererEvents,
    module: {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api
        }
      },
      ipcRenderer: {
        invoke: (channel: string, ...args: unknown[]) => state.ipcMain!.invoke(channel, args),
        on: (channel: string, listener: (...args: unknown[]) => void) => rendererEvents.emitter!.on(channel, listener),
        removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
          rendererEvents.emitter!.removeListener(channel, listener)
      }
    }
  }
})

vi.mock('electron', () => electron.module)

let dataDir: string
let service: ApiService
let engine: FakeEngine
const ipcMain = new FakeIpcMain()
const emitter = new EventEmitter()

/** The window: what main sends arrives at the preload's ipcRenderer listeners, with an event object first. */
const window: FakeWebContents = {
  sent: [],
  destroyed: false,
  url: 'file:///app/out/renderer/index.html',
  send(channel: string, ...args: unknown[]) {
    emitter.emit(channel, { sender: 'ipc-event' }, ...structuredClone(args))
  },
  isDestroyed: () => false,
  getURL: () => 'file:///app/out/renderer/index.html'
} as FakeWebContents

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-surface-'))
  engine = new FakeEngine()
  service = createApiService({ dataDir, engine, logger: { warn: () => undefined }, timers: new ManualTimers() })
  registerIpc(service, { ipcMain, appUrl: 'file:///app/out/renderer/index.html', targets: () => [window] })
  electron.state.ipcMain = ipcMain
  electron.rendererEvents.emitter = emitter
  vi.stubGlobal('__APP_VERSION__', '0.0.0-test')
  // Each invoke from the preload comes from the app page.
  const invoke = ipcMain.invoke.bind(ipcMain)
  ipcMain.invoke = (channel, args) => invoke(channel, args, { url: 'file:///app/out/renderer/index.html', parent: null })
  await import('../../src/preload/index')
})

afterAll(async () => {
  await service.dispose()
  vi.unstubAllGlobals()
  await rm(dataDir, { recursive: true, force: true })
})

describe('IPC surface', () => {
  it('is exactly this (update the snapshot only on purpose)', () => {
    const preload = electron.exposed['dnsVerify'] as Record<string, unknown>
    expect({
      exposedKeys: Object.keys(electron.exposed),
      invokeChannels: [...ipcMain.handlers.keys()],
      pushEvents: [WATCH_PROGRESS_CHANNEL],
      preload: Object.keys(preload)
        .sort()
        .map((key) => `${key}: ${typeof preload[key]}`)
    }).toMatchInlineSnapshot(`
      {
        "exposedKeys": [
          "dnsVerify",
        ],
        "invokeChannels": [
          "catalog:providers",
          "catalog:cas",
          "catalog:resolverPresets",
          "dns:delegation",
          "diagnosis:run",
          "sessions:list",
          "sessions:save",
          "sessions:delete",
          "settings:get",
          "settings:set",
          "report:render",
          "watch:start",
          "watch:stop",
          "store:problems",
        ],
        "preload": [
          "catalog:cas: function",
          "catalog:providers: function",
          "catalog:resolverPresets: function",
          "diagnosis:run: function",
          "dns:delegation: function",
          "onDidWatchProgress: function",
          "report:render: function",
          "sessions:delete: function",
          "sessions:list: function",
          "sessions:save: function",
          "settings:get: function",
          "settings:set: function",
          "store:problems: function",
          "version: string",
          "watch:start: function",
          "watch:stop: function",
        ],
        "pushEvents": [
          "watch:onDidProgress",
        ],
      }
    `)
  })

  it('the preload source has one ipcRenderer.invoke per channel, on its own key, and nothing generic', async () => {
    const source = await readFile('src/preload/index.ts', 'utf8')
    const calls = [...source.matchAll(/'([a-zA-Z]+:[a-zA-Z]+)': \([^)]*\) => ipcRenderer\.invoke\('([^']+)'/g)]
    expect(calls.map((m) => m[1])).toEqual([...API_CHANNELS])
    for (const m of calls) expect(m[2]).toBe(m[1])
    expect(source.match(/ipcRenderer\.invoke\(/g)).toHaveLength(API_CHANNELS.length)
    const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    expect(code).not.toMatch(/invoke\(\s*channel|process\.env|exposeInMainWorld\([^)]*ipcRenderer/)
    expect(source.match(/ipcRenderer\.on\('([^']+)'/)?.[1]).toBe(WATCH_PROGRESS_CHANNEL)
    // Only 'electron' is required at run time (type imports vanish; api-result.ts is bundled in).
    const runtimeImports = [...source.matchAll(/^import (?!type )[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1])
    expect(runtimeImports).toEqual(['electron'])
  })

  it('works end to end: preload → ipcMain → service, unwrapped by the renderer client', async () => {
    const preload = electron.exposed['dnsVerify'] as PreloadApi
    expect(preload.version).toBe('0.0.0-test')
    const client = createIpcClient(preload)
    expect(await client['settings:get']()).toEqual(defaultSettings())
    await expect(client['sessions:delete']({ id: 'no/slashes' })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'bad_input',
      field: 'id'
    })
  })

  it('delivers watch progress to the page without the IPC event, and unsubscribes', async () => {
    const client = createIpcClient(electron.exposed['dnsVerify'] as PreloadApi)
    await client['settings:set']({ ...defaultSettings(), includeSystemResolvers: false })
    const seen: WatchProgress[] = []
    const unsubscribe = client.onDidWatchProgress((p) => seen.push(p))
    await client['watch:start']({ sessionId: 's1', input: sampleInput(), intervalSeconds: 30 })
    await vi.waitFor(() => expect(seen.map((p) => p.phase)).toEqual(['checking', 'done']))
    expect(seen[0]).toMatchObject({ sessionId: 's1', progress: 0 })
    unsubscribe()
    expect(emitter.listenerCount(WATCH_PROGRESS_CHANNEL)).toBe(0)
    await client['watch:stop']({ sessionId: 's1' })
  })

  it("getApi() in the renderer picks the preload's API when it is there", async () => {
    expect(isPreloadApi(electron.exposed['dnsVerify'])).toBe(true)
    expect(isPreloadApi({ version: '0.1.0' })).toBe(false)
    vi.stubGlobal('dnsVerify', electron.exposed['dnsVerify'])
    setApi(null)
    try {
      expect((await getApi()['settings:get']()).locale).toBe('en')
    } finally {
      setApi(null)
    }
  })
})
