import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import en from '../../src/shared/locales/en.json'
import es from '../../src/shared/locales/es.json'
import zhCN from '../../src/shared/locales/zh-CN.json'
import { PROVIDER_MESSAGE_PARAMS } from '../../src/shared/catalog-types'
import {
  FINDING_IDS,
  FINDING_PARAM_SPEC,
  type FindingId,
  type FindingParams,
  findingMessageKey,
  findingFixVariantKeys,
  findingParamNames,
  findingVariantKeys,
  findingVariantParams,
  messageParams,
  type ParamKind,
  SEVERITIES,
  VERDICTS
} from '../../src/shared/findings'

type MessageTree = { [key: string]: string | MessageTree }

const LOCALES: Record<string, MessageTree> = { en, 'zh-CN': zhCN, es }
const PARTS = ['title', 'explain', 'fix'] as const

/** Every leaf of a message tree as [dotted key, message]. */
function leaves(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`
    return typeof value === 'string' ? [[path, value] as [string, string]] : leaves(value, path)
  })
}

function lookup(tree: MessageTree, key: string): string | MessageTree | undefined {
  let node: string | MessageTree | undefined = tree
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined
    node = node[part]
  }
  return node
}

/** Named placeholders of a message: `{name}`; literal interpolations such as `{'@'}` are not params. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g)].map((m) => m[1] ?? '')
}

/** A value per param that is easy to find again in the rendered text. */
function sampleValue(param: string, kind: ParamKind, index: number): FindingParams[string] {
  if (kind === 'string') return `x-${param}-x`
  if (kind === 'number') return 7000 + index
  if (kind === 'boolean') return true
  if (kind === 'string[]') return [`x-${param}-1`, `x-${param}-2`]
  return kind[0]
}

function sampleParams(id: FindingId): FindingParams {
  const spec: Readonly<Record<string, ParamKind>> = FINDING_PARAM_SPEC[id]
  return Object.fromEntries(Object.entries(spec).map(([param, kind], i) => [param, sampleValue(param, kind, i)]))
}

/** The params a message under `key` may use. */
function allowedParams(key: string): string[] | null {
  if (key.startsWith('findings.')) {
    const id = FINDING_IDS.find((candidate) => key.startsWith(`findings.${candidate}.`))
    return id === undefined ? null : findingParamNames(id)
  }
  if (key.startsWith('providers.')) {
    const sub = key.slice('providers.'.length) as keyof typeof PROVIDER_MESSAGE_PARAMS
    return sub in PROVIDER_MESSAGE_PARAMS ? [...PROVIDER_MESSAGE_PARAMS[sub]] : null
  }
  if (key.startsWith('diagnosis.')) return []
  // Error messages: the params the code passes are the English message's placeholders (each id is raised in one
  // place with those params; `messages.ts` types the ids from en.json).
  if (key.startsWith('errors.')) {
    const english = lookup(en, key)
    return typeof english === 'string' ? placeholders(english) : null
  }
  return null
}

const OWN_SECTIONS = ['findings', 'diagnosis', 'providers', 'errors'] as const

describe('finding messages exist for every finding id', () => {
  it.each(Object.keys(LOCALES))('%s has title, explain and fix for every id', (locale) => {
    const messages = LOCALES[locale]!
    for (const id of FINDING_IDS) {
      for (const part of PARTS) {
        const message = lookup(messages, findingMessageKey(id, part))
        expect(typeof message, `${locale}: ${findingMessageKey(id, part)}`).toBe('string')
        expect((message as string).trim(), `${locale}: ${findingMessageKey(id, part)}`).not.toBe('')
      }
    }
  })

  it.each(Object.keys(LOCALES))('%s has a sentence for every value of every closed-set param', (locale) => {
    const messages = LOCALES[locale]!
    for (const id of FINDING_IDS) {
      for (const { param, values } of findingVariantParams(id)) {
        for (const value of values) {
          const key = `findings.${id}.${param}.${value}`
          expect(typeof lookup(messages, key), `${locale}: ${key}`).toBe('string')
        }
      }
    }
  })

  it.each(Object.keys(LOCALES))('%s has no message for an unknown id or part', (locale) => {
    const allowed = new Set<string>()
    for (const id of FINDING_IDS) {
      for (const part of PARTS) allowed.add(findingMessageKey(id, part))
      for (const { param, values } of findingVariantParams(id)) {
        for (const value of values) {
          allowed.add(`findings.${id}.${param}.${value}`)
          // Optional: fix steps for that case, shown before the general ones.
          allowed.add(`findings.${id}.${param}Fix.${value}`)
        }
      }
    }
    const extra = leaves({ findings: LOCALES[locale]!.findings as MessageTree })
      .map(([key]) => key)
      .filter((key) => !allowed.has(key))
    expect(extra).toEqual([])
  })

  it.each(Object.keys(LOCALES))('%s has a title for every verdict and a label for every severity', (locale) => {
    for (const verdict of VERDICTS) expect(typeof lookup(LOCALES[locale]!, `diagnosis.verdict.${verdict}`)).toBe('string')
    for (const severity of SEVERITIES) {
      expect(typeof lookup(LOCALES[locale]!, `diagnosis.severity.${severity}`)).toBe('string')
    }
  })
})

describe('locales agree', () => {
  it('every locale has exactly the keys English has', () => {
    const reference = leaves(en).map(([key]) => key).sort()
    for (const [locale, messages] of Object.entries(LOCALES)) {
      expect(leaves(messages).map(([key]) => key).sort(), locale).toEqual(reference)
    }
  })

  it.each(Object.keys(LOCALES))('%s uses only documented params, and the same ones as English', (locale) => {
    for (const section of OWN_SECTIONS) {
      for (const [key, message] of leaves({ [section]: LOCALES[locale]![section] as MessageTree })) {
        const allowed = allowedParams(key)
        expect(allowed, `${key} has no documented params`).not.toBeNull()
        for (const param of placeholders(message)) {
          expect(allowed, `${locale}: ${key} uses {${param}}`).toContain(param)
        }
        const english = lookup(en, key)
        expect(new Set(placeholders(message)), `${locale}: ${key} vs en`).toEqual(
          new Set(placeholders(english as string))
        )
      }
    }
  })

  it.each(Object.keys(LOCALES))('%s keeps titles and explanations on one line and avoids plural bars', (locale) => {
    for (const section of OWN_SECTIONS) {
      for (const [key, message] of leaves({ [section]: LOCALES[locale]![section] as MessageTree })) {
        expect(message, key).not.toMatch(/\|/)
        expect(message, key).toBe(message.trim())
        if (!key.endsWith('.fix') && !/Fix\.[^.]+$/.test(key)) expect(message, key).not.toContain('\n')
      }
    }
  })
})

describe('vue-i18n renders every message', () => {
  let warnings: string[] = []
  beforeEach(() => {
    warnings = []
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      warnings.push(args.map(String).join(' '))
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  function i18nFor(locale: string) {
    return createI18n({
      legacy: false,
      locale,
      fallbackLocale: false,
      missingWarn: true,
      fallbackWarn: true,
      warnHtmlMessage: true,
      messages: LOCALES as Record<string, MessageTree>
    })
  }

  /** What the message should read with `params`, by plain substitution. */
  function expected(message: string, params: Record<string, string | number>): string {
    return message.replace(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g, (_, name: string) => String(params[name]))
  }

  it.each(Object.keys(LOCALES))('%s: every finding message compiles and interpolates its params', (locale) => {
    const { t } = i18nFor(locale).global
    for (const id of FINDING_IDS) {
      const params = messageParams(sampleParams(id))
      const keys = [...PARTS.map((part) => findingMessageKey(id, part))]
      for (const { param, values } of findingVariantParams(id)) {
        for (const value of values) {
          keys.push(`findings.${id}.${param}.${value}`)
          if (lookup(LOCALES[locale]!, `findings.${id}.${param}Fix.${value}`) !== undefined) keys.push(`findings.${id}.${param}Fix.${value}`)
        }
      }
      for (const key of keys) {
        const source = lookup(LOCALES[locale]!, key) as string
        const rendered = t(key, params)
        expect(rendered, `${locale}: ${key}`).toBe(expected(source, params))
        expect(rendered, `${locale}: ${key}`).not.toMatch(/[{}]/)
      }
    }
    expect(warnings).toEqual([])
  })

  it.each(Object.keys(LOCALES))('%s: diagnosis, providers and error messages compile', (locale) => {
    const { t } = i18nFor(locale).global
    for (const section of ['diagnosis', 'providers', 'errors'] as const) {
      for (const [key, source] of leaves({ [section]: LOCALES[locale]![section] as MessageTree })) {
        const params = Object.fromEntries(placeholders(source).map((p, i) => [p, `x-${p}-${i}`]))
        const rendered = t(key, { host: '_dnsauth', name: '_dnsauth.example.com', value: 'abc123', seconds: 600, ...params })
        expect(rendered, `${locale}: ${key}`).toBe(expected(source, { host: '_dnsauth', name: '_dnsauth.example.com', value: 'abc123', seconds: 600, ...params }))
      }
    }
    expect(warnings).toEqual([])
  })

  it('finds the variant sentence for a finding by its params', () => {
    const { t, te } = i18nFor('en').global
    const finding = {
      id: 'record.wrong_name' as const,
      params: { expectedName: '_dnsauth.example.com', foundName: '_dnsauth.example.com.example.com', hint: 'zone_doubled', host: '_dnsauth' }
    }
    const keys = findingVariantKeys(finding)
    expect(keys).toEqual(['findings.record.wrong_name.hint.zone_doubled'])
    expect(te(keys[0]!)).toBe(true)
    expect(t(keys[0]!)).toContain('twice')
    expect(findingVariantKeys({ id: 'record.missing', params: { name: 'a', type: 'TXT' } })).toEqual([])
    expect(findingVariantKeys({ id: 'caa.blocks_ca', params: { tag: 'bogus' } })).toEqual([])
  })

  it('finds the fix steps for the cause a finding names, and the sentence for a boolean param', () => {
    const { t, te } = i18nFor('en').global
    const finding = { id: 'dnssec.bogus' as const, params: { cause: 'ds_mismatch', zone: 'example.com' } }
    const fixKeys = findingFixVariantKeys(finding)
    expect(fixKeys).toEqual(['findings.dnssec.bogus.causeFix.ds_mismatch'])
    expect(te(fixKeys[0]!)).toBe(true)
    expect(t(fixKeys[0]!, { zone: 'example.com' })).toContain('DS record')
    const view = { id: 'resolver.different_view' as const, params: { apexVisible: false, zone: 'example.com' } }
    expect(findingVariantKeys(view)).toEqual(['findings.resolver.different_view.apexVisible.false'])
  })
})
