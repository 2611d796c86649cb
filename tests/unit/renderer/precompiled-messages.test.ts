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
    // Untyped on purpose: these instances read any key of any file, not the app's typed schema.
    const translator = (messages: unknown): ((key: string, params: object, plural?: number) => string) => {
      const { t } = createI18n({ legacy: false, locale: 'x', messages: { x: messages as never } }).global as unknown as {
        t: (key: string, params: object, plural?: number) => string
      }
      return (key, params, plural) => (plural === undefined ? t(key, params) : t(key, params, plural))
    }
    const runtime = translator(source)
    const built = translator(compiled)
    const params = { n: 2, domain: 'example.com', name: '_dnsauth.example.com', value: 'token', provider: 'Cloudflare' }
    const keys = keysOf(source)
    expect(keys.length).toBeGreaterThan(100)
    for (const key of keys) {
      // An AST (an object vue-i18n formats without compiling), not the source text passed through.
      const leaf = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], compiled)
      expect(leaf, `${file}: ${key}`).toMatchObject({ t: 0 })
      expect(built(key, params), `${file}: ${key}`).toBe(runtime(key, params))
      expect(built(key, params, 1), `${file}: ${key} (1)`).toBe(runtime(key, params, 1))
    }
  })

  it('fails naming the file and the key of a message that does not compile', () => {
    expect(() => compileMessages({ ui: { broken: 'Hello {name' } }, [], 'xx.json')).toThrow(/xx\.json: ui\.broken: .*Hello \{name/)
  })

  it('refuses what is not text', () => {
    expect(() => compileMessages({ ui: { count: 3 } } as never, [], 'xx.json')).toThrow(/xx\.json: ui\.count: a message must be text/)
  })
})
