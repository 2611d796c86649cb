import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppSettings, VerificationSession, WatchProgress } from '../../../src/shared/api'
import { callApi } from '../../../src/main/api/dispatch'
import { InputError } from '../../../src/main/diagnosis/input'
import { applySettingsDefaults, createApiService, type ApiService } from '../../../src/main/services/api-service'
import { defaultSettings } from '../../../src/shared/default-settings'
import { FakeEngine, flush, ManualTimers, sampleInput, verifiedReport } from '../../support/fake-engine'

let dataDir: string
let engine: FakeEngine
let timers: ManualTimers
let service: ApiService
const quiet = { warn: () => undefined }
const silentDispatch = { error: () => undefined }

/** Settings that need no resolver of this machine (so the tests do not depend on resolv.conf). */
const LAB_SETTINGS: AppSettings = {
  ...defaultSettings(),
  presets: ['google'],
  includeSystemResolvers: false,
  customResolvers: ['127.0.0.1:5300']
}

function make(overrides?: { roots?: string[]; authPort?: number | null }): ApiService {
  return createApiService({ dataDir, engine, overrides, logger: quiet, timers, defaultLocale: 'es' })
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-service-'))
  engine = new FakeEngine()
  timers = new ManualTimers()
  service = make()
})

afterEach(async () => {
  await service.dispose()
  await rm(dataDir, { recursive: true, force: true })
})

describe('catalog calls', () => {
  it('list providers, CAs and resolver presets', async () => {
    const providers = await callApi(service, 'catalog:providers', undefined)
    const cas = await callApi(service, 'catalog:cas', null)
    const presets = await callApi(service, 'catalog:resolverPresets', undefined)
    expect(providers.ok && (providers.value as { id: string }[]).some((p) => p.id === 'generic')).toBe(true)
    expect(cas.ok && (cas.value as unknown[]).length).toBeGreaterThan(0)
    expect(presets).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: 'google', name: expect.any(String) })]) })
  })
})

describe('settings as defaults of every DNS call', () => {
  it('the first read gives defaults in the OS locale', async () => {
    expect(await service['settings:get']()).toEqual(defaultSettings('es'))
  })

  it('fills resolvers, timeout and lab options the input leaves open; what the input sets wins', () => {
    const settings: AppSettings = { ...LAB_SETTINGS, includeSystemResolvers: true, roots: [], authPort: 5353, timeoutMs: 900 }
    expect(applySettingsDefaults(sampleInput(), settings)).toEqual({
      ...sampleInput(),
      resolvers: ['system', 'google', '127.0.0.1:5300'],
      authPort: 5353,
      timeoutMs: 900
    })
    // With lab roots, public resolvers and this computer's cannot see the private tree: only the user's own.
    expect(applySettingsDefaults(sampleInput(), { ...settings, roots: ['127.53.0.1'] })).toEqual({
      ...sampleInput(),
      resolvers: ['127.0.0.1:5300'],
      roots: ['127.53.0.1'],
      authPort: 5353,
      timeoutMs: 900
    })
    expect(applySettingsDefaults(sampleInput({ resolvers: [], roots: ['10.0.0.1'], authPort: 53, timeoutMs: 100 }), settings)).toEqual(
      sampleInput({ resolvers: [], roots: ['10.0.0.1'], authPort: 53, timeoutMs: 100 })
    )
  })

  it('command-line lab options reach diagnosis and delegation calls, and are never saved', async () => {
    service = make({ roots: ['127.53.0.1:53', '127.53.0.2'], authPort: 5353 })
    await service['settings:set']({ ...LAB_SETTINGS, roots: ['192.0.2.99'], authPort: 99 })
    const effective = await service['settings:get']()
    expect(effective.roots).toEqual(['127.53.0.1:53', '127.53.0.2'])
    expect(effective.authPort).toBe(5353)
    // On disk: the user's own values for the overridden fields (here the defaults), not the lab's, not the sent ones.
    const onDisk = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as AppSettings
    expect(onDisk.roots).toEqual([])
    expect(onDisk.authPort).toBeNull()
    expect(onDisk.customResolvers).toEqual(['127.0.0.1:5300'])

    await callApi(service, 'diagnosis:run', sampleInput())
    expect(engine.runs[0]!.input).toMatchObject({ roots: ['127.53.0.1:53', '127.53.0.2'], authPort: 5353, resolvers: ['127.0.0.1:5300'] })

    await callApi(service, 'dns:delegation', { domain: 'example.com' })
    expect(engine.delegations[0]).toEqual({
      domain: 'example.com',
      options: { roots: ['127.53.0.1:53', '127.53.0.2'], authPort: 5353, timeoutMs: 2000 }
    })
  })
})

describe('files of the data folder set aside', () => {
  it('are told once each, saying what was lost and where the copy is', async () => {
    await mkdir(join(dataDir, 'sessions'), { recursive: true })
    await writeFile(join(dataDir, 'sessions', 'broken.json'), '{ not json')
    await writeFile(join(dataDir, 'settings.json'), '[]')
    service = make()
    await service['sessions:list']()
    await service['settings:get']()
    const problems = await service['store:problems']()
    expect(problems.map((p) => p.kind).sort()).toEqual(['session', 'settings'])
    for (const p of problems) {
      expect(p.movedTo).toMatch(/\.corrupt/)
      expect(p.reason.length).toBeGreaterThan(5)
    }
    expect(await service['store:problems']()).toEqual([])
  })
})

describe('errors come back typed', () => {
  it('InputError from the engine becomes bad_input with its field', async () => {
    engine.script = async () => {
      throw new InputError('domains.1', 'domain.url', { text: 'https://x' })
    }
    expect(await callApi(service, 'diagnosis:run', sampleInput(), silentDispatch)).toEqual({
      ok: false,
      error: {
        code: 'bad_input',
        field: 'domains.1',
        message: '"https://x" looks like a web address. Give only the domain, for example example.com.',
        messageId: 'domain.url',
        params: { text: 'https://x' }
      }
    })
  })

  it('any other failure is internal, with its message', async () => {
    engine.script = async () => {
      throw new TypeError('boom')
    }
    expect(await callApi(service, 'diagnosis:run', sampleInput(), silentDispatch)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside the app: boom', messageId: 'api.internal', params: { detail: 'boom' } }
    })
  })

  it('unknown channels are not_found; bad shapes never reach the service', async () => {
    expect(await callApi(service, 'fs:read', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(await callApi(service, 'diagnosis:run', { ...sampleInput(), domains: 'example.com' })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'domains' }
    })
    expect(engine.runs).toHaveLength(0)
  })

  it('watch:start refuses input the engine would refuse, before any check runs', async () => {
    await service['settings:set'](LAB_SETTINGS)
    const result = await callApi(service, 'watch:start', {
      sessionId: 's1',
      input: sampleInput({ domains: ['https://example.com/'] }),
      intervalSeconds: 30
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'domains.0' } })
    expect(engine.runs).toHaveLength(0)
  })
})

describe('watch through the service', () => {
  it('pushes progress to listeners and keeps the latest report in the session', async () => {
    await service['settings:set'](LAB_SETTINGS)
    const session: VerificationSession = {
      id: 's1',
      createdAt: '',
      updatedAt: '',
      step: 4,
      domain: 'example.com',
      certificateKind: 'single',
      records: [{ domain: 'example.com', host: '_dnsauth', type: 'TXT', value: 'v' }],
      ca: null,
      intendedPlatform: null,
      lastReport: null,
      lastVerdict: null
    }
    await service['sessions:save'](session)
    const events: WatchProgress[] = []
    const unsubscribe = service.onDidWatchProgress((e) => events.push(e))
    engine.script = async () => verifiedReport()
    expect(await callApi(service, 'watch:start', { sessionId: 's1', input: sampleInput(), intervalSeconds: 5 })).toEqual({ ok: true })
    // The report is written to the session file before `done` goes out.
    await vi.waitFor(() => expect(events.map((e) => e.phase)).toEqual(['checking', 'done']))
    expect(events[1]!.report?.verdict).toBe('verified')
    const [stored] = await service['sessions:list']()
    expect(stored).toMatchObject({ id: 's1', lastVerdict: 'verified' })
    expect(stored!.lastReport?.verdict).toBe('verified')
    unsubscribe()
  })

  it('deleting a session stops its watch', async () => {
    await service['settings:set'](LAB_SETTINGS)
    let aborted = false
    engine.script = (_c, _i, options) =>
      new Promise((_resolve, reject) =>
        options.signal?.addEventListener('abort', () => {
          aborted = true
          reject(new Error('aborted'))
        })
      )
    await service['watch:start']({ sessionId: 'gone', input: sampleInput(), intervalSeconds: 5 })
    await flush()
    await service['sessions:delete']({ id: 'gone' })
    expect(aborted).toBe(true)
  })
})
