import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../src/shared/default-settings'
import { SettingsStore } from '../../../src/main/services/settings-store'
import { listResolverPresets } from '../../../src/main/dns/resolvers'

let dataDir: string
let warnings: string[]

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-settings-'))
  warnings = []
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

function store(): SettingsStore {
  return new SettingsStore({ dataDir, logger: { warn: (m) => warnings.push(m) } })
}

describe('defaultSettings', () => {
  it('asks the system resolvers and every public preset, with the given locale', () => {
    const settings = defaultSettings('es')
    expect(settings.presets).toEqual(listResolverPresets().map((p) => p.id))
    expect(settings).toMatchObject({
      includeSystemResolvers: true,
      customResolvers: [],
      roots: [],
      authPort: null,
      timeoutMs: 2000,
      locale: 'es',
      theme: 'system',
      watchIntervalSeconds: 30
    })
  })
})

describe('SettingsStore', () => {
  it('gives the defaults when nothing is saved, and does not create a file', async () => {
    expect(await store().get()).toEqual(defaultSettings())
    expect(await readdir(dataDir)).toEqual([])
  })

  it('saves and reads back', async () => {
    const changed = { ...defaultSettings(), presets: ['google'], customResolvers: ['127.0.0.1:5353'], locale: 'zh-CN' as const }
    await store().set(changed)
    expect(await store().get()).toEqual(changed)
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual(changed)
  })

  it('refuses to save settings that do not check out', async () => {
    await expect(store().set({ ...defaultSettings(), timeoutMs: 5 })).rejects.toThrow()
    await expect(store().set({ ...defaultSettings(), customResolvers: ['not-an-ip'] })).rejects.toThrow()
    expect(await readdir(dataDir)).toEqual([])
  })

  it('moves an unreadable file aside, reports it, and gives the defaults', async () => {
    await writeFile(join(dataDir, 'settings.json'), '{ "locale": "es", ')
    const s = store()
    expect(await s.get()).toEqual(defaultSettings())
    expect(s.problems).toHaveLength(1)
    expect(s.problems[0]!.movedTo).toMatch(/settings\.json\.corrupt-/)
    expect(warnings).toHaveLength(1)
    const names = await readdir(dataDir)
    expect(names.some((n) => n.startsWith('settings.json.corrupt-'))).toBe(true)
    expect(names).not.toContain('settings.json')
  })

  it('resets only the fields that no longer check out, keeping the others', async () => {
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({ locale: 'es', presets: ['google', 'no-such-preset'], timeoutMs: 'fast', unknownField: 1 })
    )
    const s = store()
    const settings = await s.get()
    expect(settings.locale).toBe('es')
    expect(settings.presets).toEqual(defaultSettings().presets)
    expect(settings.timeoutMs).toBe(2000)
    expect(settings).not.toHaveProperty('unknownField')
    expect(s.problems.map((p) => p.reason)).toEqual([
      'setting "presets" was not valid and is back to its default',
      'setting "timeoutMs" was not valid and is back to its default'
    ])
  })

  it('treats a JSON value that is not an object as corrupt', async () => {
    await writeFile(join(dataDir, 'settings.json'), '[1,2,3]')
    const s = store()
    expect(await s.get()).toEqual(defaultSettings())
    expect(s.problems[0]?.reason).toBe('not a JSON object')
  })
})
