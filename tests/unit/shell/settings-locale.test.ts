import { describe, expect, it, vi } from 'vitest'
import type { AppSettings } from '../../../src/shared/api'
import { defaultSettings } from '../../../src/shared/default-settings'
import { reportingLocaleChanges } from '../../../src/main/shell/settings-locale'

describe('reportingLocaleChanges', () => {
  it('saves as before, then reports the saved locale; other calls pass through untouched', async () => {
    const saved: AppSettings = { ...defaultSettings(), locale: 'es' }
    const api = { 'settings:set': vi.fn(async (_s: AppSettings) => saved), 'settings:get': vi.fn(async () => saved), dataDir: '/data' }
    const onLocale = vi.fn()
    const wrapped = reportingLocaleChanges(api, onLocale)
    expect(await wrapped['settings:set']({ ...defaultSettings(), locale: 'es' })).toBe(saved)
    expect(onLocale).toHaveBeenCalledWith('es')
    expect(wrapped['settings:get']).toBe(api['settings:get'])
    expect(wrapped.dataDir).toBe('/data')
  })

  it('a rejected save reports nothing and rejects as before', async () => {
    const onLocale = vi.fn()
    const wrapped = reportingLocaleChanges({ 'settings:set': async (_s: AppSettings): Promise<AppSettings> => Promise.reject(new Error('bad_input')) }, onLocale)
    await expect(wrapped['settings:set'](defaultSettings())).rejects.toThrow('bad_input')
    expect(onLocale).not.toHaveBeenCalled()
  })

  it('a listener that throws does not turn a saved setting into a failure', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const wrapped = reportingLocaleChanges({ 'settings:set': async (s: AppSettings) => s }, () => {
      throw new Error('menu exploded')
    })
    await expect(wrapped['settings:set'](defaultSettings())).resolves.toEqual(defaultSettings())
    expect(warn.mock.calls[0]?.[0]).toMatch(/menu exploded/)
    warn.mockRestore()
  })
})
