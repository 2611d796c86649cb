// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import en from '../../../src/shared/locales/en.json'
import es from '../../../src/shared/locales/es.json'
import zhCN from '../../../src/shared/locales/zh-CN.json'
import { pickLocale } from '../../../src/renderer/src/i18n'

describe('pickLocale', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-SG', 'en'], 'zh-CN'],
    [['es-MX'], 'es'],
    [['ES'], 'es'],
    [['fr-FR', 'es-ES'], 'es'],
    [['en-GB', 'zh-CN'], 'en'],
    [['de-DE'], 'en'],
    [[], 'en']
  ] as const)('%j → %s', (preferred, expected) => {
    expect(pickLocale(preferred)).toBe(expected)
  })
})

describe('locale files', () => {
  // Each file is an object keyed by section; every locale has exactly the keys English has.
  function keysOf(messages: object, prefix = ''): string[] {
    return Object.entries(messages).flatMap(([key, value]: [string, unknown]) =>
      typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]
    )
  }

  it.each([
    ['zh-CN', zhCN],
    ['es', es]
  ])('%s has the same keys as en', (_locale, messages) => {
    expect(keysOf(messages).sort()).toEqual(keysOf(en).sort())
  })
})
