// The renderer's locale messages are compiled at build time into vue-i18n's message AST
// (scripts/vite-precompiled-messages.ts) and the page has no message compiler. Every message of every locale
// must compile, and must read the same as vue-i18n's own run-time compilation of the source text.
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { compileMessages } from '../../../scripts/vite-precompiled-messages'

const localesDir = resolve(import.meta.dirname, '../../../src/shared/locales')
const locales = readdirSync(localesDir).filter((f) => f.endsWith('.json'))

function keysOf(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

describe('precompiled messages', () => {
  it.each(locales)('%s reads the same compiled at build time as compiled at run time', (file) => {
    const source = JSON.parse(readFileSync(join(localesDir, file), 'utf8')) as Record<string, unknown>
    const compiled = compileMessages(source as never, [], file) as Record<string, unknown>
    const runtime = createI18n({ legacy: false, locale: 'x', messages: { x: source } }).global
    const built = createI18n({ legacy: false, locale: 'x', messages: { x: compiled } }).global
    const params = { n: 2, domain: 'example.com', name: '_dnsauth.example.com', value: 'token', provider: 'Cloudflare' }
    const keys = keysOf(source)
    expect(keys.length).toBeGreaterThan(100)
    for (const key of keys) {
      // An AST (an object vue-i18n formats without compiling), not the source text passed through.
      const leaf = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], compiled)
      expect(leaf, `${file}: ${key}`).toMatchObject({ t: 0 })
      expect(built.t(key, params), `${file}: ${key}`).toBe(runtime.t(key, params))
      expect(built.t(key, params, 1), `${file}: ${key} (1)`).toBe(runtime.t(key, params, 1))
    }
  })

  it('fails naming the file and the key of a message that does not compile', () => {
    expect(() => compileMessages({ ui: { broken: 'Hello {name' } }, [], 'xx.json')).toThrow(/xx\.json: ui\.broken: .*Hello \{name/)
  })

  it('refuses what is not text', () => {
    expect(() => compileMessages({ ui: { count: 3 } } as never, [], 'xx.json')).toThrow(/xx\.json: ui\.count: a message must be text/)
  })
})
