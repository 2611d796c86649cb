import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { API_CHANNELS } from '../../src/shared/api'
import { isTrustedSender, registerIpc } from '../../src/main/shell/ipc'
import { createApiService, type ApiService } from '../../src/main/services/api-service'
import { defaultSettings } from '../../src/shared/default-settings'
import { FakeEngine, ManualTimers, sampleInput, sampleReport } from '../support/fake-engine'
import { APP_URL, FakeIpcMain, FakeWebContents } from '../support/ipc-fakes'

let dataDir: string
let engine: FakeEngine
let service: ApiService
let ipcMain: FakeIpcMain
let window: FakeWebContents
let warnings: string[]
let unregister: () => void

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-ipc-'))
  engine = new FakeEngine()
  service = createApiService({ dataDir, engine, logger: { warn: () => undefined }, timers: new ManualTimers() })
  ipcMain = new FakeIpcMain()
  window = new FakeWebContents()
  warnings = []
  unregister = registerIpc(service, {
    ipcMain,
    appUrl: APP_URL,
    targets: () => [window],
    logger: { warn: (m) => warnings.push(m), error: () => undefined }
  })
})

afterEach(async () => {
  unregister()
  await service.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

describe('registerIpc', () => {
  it('registers exactly one handler per API channel, and removes them again', () => {
    expect([...ipcMain.handlers.keys()]).toEqual([...API_CHANNELS])
    unregister()
    expect(ipcMain.handlers.size).toBe(0)
    unregister = () => undefined
  })

  it('answers the app page with an ok envelope', async () => {
    expect(await ipcMain.invoke('settings:get', [])).toEqual({ ok: true, value: defaultSettings() })
    const report = await ipcMain.invoke('diagnosis:run', [sampleInput()])
    expect(report).toEqual({ ok: true, value: sampleReport() })
  })

  it.each([
    ['another site', { url: 'https://evil.example/', parent: null }],
    ['another file', { url: 'file:///tmp/evil.html', parent: null }],
    ['an iframe inside the app page', { url: APP_URL, parent: {} }],
    ['a destroyed frame', null]
  ])('refuses a call from %s with a forbidden envelope, without calling the service', async (_what, frame) => {
    const result = await ipcMain.invoke('diagnosis:run', [sampleInput()], frame)
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(engine.runs).toHaveLength(0)
    expect(warnings).toHaveLength(1)
  })

  it('accepts the dev server origin when that is the app URL', () => {
    expect(isTrustedSender({ senderFrame: { url: 'http://localhost:5173/#/step/2', parent: null } }, 'http://localhost:5173/')).toBe(true)
    expect(isTrustedSender({ senderFrame: { url: 'http://localhost:5174/', parent: null } }, 'http://localhost:5173/')).toBe(false)
  })

  it('returns bad input as a typed error, never a thrown one', async () => {
    expect(await ipcMain.invoke('sessions:delete', [{ id: '../../etc/passwd' }])).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'id' }
    })
    expect(await ipcMain.invoke('settings:get', [{ sneaky: true }])).toMatchObject({ ok: false, error: { code: 'bad_input' } })
    expect(await ipcMain.invoke('watch:stop', [{ sessionId: 'a' }, 'extra'])).toMatchObject({ ok: false, error: { code: 'bad_input' } })
  })

  it('turns an engine crash into an internal error envelope', async () => {
    engine.script = async () => {
      throw new RangeError('index out of range')
    }
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    expect(await ipcMain.invoke('diagnosis:run', [sampleInput()])).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('index out of range') }
    })
  })

  it('pushes watch progress to the app windows only', async () => {
    const foreign = new FakeWebContents('https://evil.example/')
    const closed = new FakeWebContents()
    closed.destroyed = true
    unregister()
    unregister = registerIpc(service, { ipcMain, appUrl: APP_URL, targets: () => [window, foreign, closed] })
    await service['settings:set']({ ...defaultSettings(), includeSystemResolvers: false })
    await ipcMain.invoke('watch:start', [{ sessionId: 's1', input: sampleInput(), intervalSeconds: 30 }])
    await vi.waitFor(() => expect(window.sent.map((s) => (s.args[0] as { phase: string }).phase)).toContain('done'))
    expect(new Set(window.sent.map((s) => s.channel))).toEqual(new Set(['watch:onDidProgress']))
    expect(window.sent[0]!.args[0]).toMatchObject({ sessionId: 's1', phase: 'checking' })
    expect(foreign.sent).toEqual([])
    expect(closed.sent).toEqual([])
  })
})
