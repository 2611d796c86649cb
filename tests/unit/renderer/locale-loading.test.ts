// @vitest-environment happy-dom
// Locales other than English are loaded on demand (i18n.ts): what is there before and after, and that a switch
// of language is immediate even while the texts are on their way.
import { describe, expect, it } from 'vitest'
import es from '../../../src/shared/locales/es.json'
import zhCN from '../../../src/shared/locales/zh-CN.json'
import { applyLocale, i18n, loadDeferredMessages, loadLocaleMessages, naiveLocales, withDeferredMessages } from '../../../src/renderer/src/i18n'

describe('locale loading', () => {
  it('starts with English only', () => {
    expect(Object.keys(i18n.global.messages.value)).toEqual(['en'])
    expect(naiveLocales).toEqual({})
  })

  it('loads a locale once, with Naive UI words, and then speaks it', async () => {
    const first = loadLocaleMessages('es')
    expect(loadLocaleMessages('es')).toBe(first) // one fetch, however many ask
    await first
    expect(i18n.global.t('ui.step1.title', {}, { locale: 'es' })).toBe(es.ui.step1.title)
    expect(naiveLocales.es?.name).toBe('es-AR')
  })

  it('switches at once and shows the new texts when they arrive', async () => {
    applyLocale('zh-CN')
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    await loadLocaleMessages('zh-CN')
    expect(i18n.global.t('ui.step1.title')).toBe(zhCN.ui.step1.title)
    expect(naiveLocales['zh-CN']?.name).toBe('zh-CN')
    applyLocale('en')
    expect(i18n.global.t('ui.step1.title')).not.toBe(zhCN.ui.step1.title)
  })

  it('loads the deferred English messages once, before a lazily loaded part that needs them resolves', async () => {
    expect(loadDeferredMessages()).toBe(loadDeferredMessages())
    let loaded = false
    const load = withDeferredMessages(async () => {
      loaded = true
      return 'component'
    })
    await expect(load()).resolves.toBe('component')
    expect(loaded).toBe(true)
    expect(i18n.global.t('ui.step4.title', {}, { locale: 'en' })).not.toBe('ui.step4.title')
  })
})
