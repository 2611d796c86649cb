import { describe, expect, it } from 'vitest'
import { localeFromTags, SUPPORTED_LOCALES } from '../../../src/shared/app-locales'
import en from '../../../src/shared/locales/en.json'
import es from '../../../src/shared/locales/es.json'
import zhCN from '../../../src/shared/locales/zh-CN.json'

describe('localeFromTags', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-SG', 'en'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh_TW'], 'zh-CN'],
    [['es-MX'], 'es'],
    [['ES'], 'es'],
    [['fr-FR', 'es-ES'], 'es'],
    [['en-GB', 'zh-CN'], 'en'],
    [['de-DE'], 'en'],
    [[undefined], 'en'],
    [[], 'en']
  ] as const)('%j → %s', (preferred, expected) => {
    expect(localeFromTags(preferred)).toBe(expected)
  })
})

describe('the locale list', () => {
  it('has a locale file for every supported locale', () => {
    const files = { en, 'zh-CN': zhCN, es }
    expect(Object.keys(files).sort()).toEqual([...SUPPORTED_LOCALES].sort())
  })
})
