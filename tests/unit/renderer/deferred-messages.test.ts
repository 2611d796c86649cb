// The English messages the first screen does not use are left out of the initial bundle (deferred-messages.ts).
// Every key the first screen's files use must stay in the first part: those files are the ones main.ts reaches
// through static imports (what the initial bundle holds), and their keys are the literal ones they name.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { splitMessages } from '../../../scripts/vite-precompiled-messages'
import { DEFERRED_MESSAGES, FIRST_SCREEN_MESSAGES } from '../../../src/renderer/src/deferred-messages'
import { isLocalized } from '../../../src/shared/messages'
import { checkCertificateDomain } from '../../../src/shared/record-input'
import en from '../../../src/shared/locales/en.json'

const rendererSrc = resolve(import.meta.dirname, '../../../src/renderer/src')
const split = { deferred: DEFERRED_MESSAGES, keep: FIRST_SCREEN_MESSAGES }

/** Source files main.ts reaches through static imports (not import()), inside src/renderer/src and src/shared. */
function firstScreenFiles(): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    for (const m of code.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const spec = (m[1] ?? m[2])!
      const base = spec.startsWith('@shared/') ? join(rendererSrc, '../../shared', spec.slice('@shared/'.length)) : spec.startsWith('.') ? join(dirname(file), spec) : null
      if (!base) continue
      const path = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && /\.(ts|vue)$/.test(p))
      if (path) visit(path)
    }
  }
  visit(join(rendererSrc, 'main.ts'))
  return [...seen]
}

function keysUsedIn(file: string): string[] {
  // Comments name keys as examples; only code counts.
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const literal = [...code.matchAll(/['"`]((?:ui|app|findings|diagnosis|providers)\.[A-Za-z0-9_.]*[A-Za-z0-9_])['"`.]/g)].map((m) => m[1]!)
  const findings = [...code.matchAll(/findingMessageKey\('([a-z_.]+)',\s*'([a-z]+)'\)/g)].map((m) => `findings.${m[1]}.${m[2]}`)
  return [...literal, ...findings]
}

function has(messages: object, key: string): boolean {
  let node: unknown = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return true
}

describe('deferred English messages', () => {
  it('the first screen is what it should be: the frame and step 1, not steps 2–5 or the drawers', () => {
    const files = firstScreenFiles().map((f) => f.slice(rendererSrc.length + 1))
    expect(files).toContain('steps/Step1Procedure.vue')
    expect(files).toContain('AppShell.vue')
    expect(files.filter((f) => /Step[2-5]|Drawer|LaterSteps/.test(f))).toEqual([])
  })

  it('keeps every key the first screen uses in the first part', () => {
    const { first } = splitMessages(en, split)
    const used = firstScreenFiles().flatMap(keysUsedIn)
    expect(used).toContain('ui.step1.title')
    expect(used).toContain('findings.zone.not_found.title')
    // A key that names a subtree (`ui.blockers.${x}`) must have that subtree in the first part.
    expect([...new Set(used)].filter((key) => has(en, key) && !has(first, key))).toEqual([])
  })

  it("keeps the words of every error step 1's domain field can show before anything else has loaded", () => {
    const { first } = splitMessages(en, split)
    const bad = ['', '   ', 'exa mple.com', 'example', 'https://example.com/x', '1.2.3.4', 'a..b.com', `${'a'.repeat(64)}.com`, `${'a.'.repeat(130)}com`, 'xn--zz.com', '*.*.example.com', 'example.com:8080', 'user@example.com']
    const ids = new Set<string>()
    for (const text of bad) {
      try {
        checkCertificateDomain(text)
      } catch (e) {
        if (!isLocalized(e)) throw e
        ids.add(e.messageId)
      }
    }
    expect(ids.size).toBeGreaterThan(5)
    expect([...ids].map((id) => `errors.${id}`).filter((key) => !has(first, key))).toEqual([])
  })

  it('puts every message in exactly one of the two parts', () => {
    const { first, deferred } = splitMessages(en, split)
    const leaves = (node: object, prefix = ''): string[] =>
      Object.entries(node).flatMap(([k, v]: [string, unknown]) => (typeof v === 'object' && v !== null ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    const all = leaves(en).sort()
    expect([...leaves(first), ...leaves(deferred)].sort()).toEqual(all)
    expect(leaves(deferred).length).toBeGreaterThan(all.length / 3)
    expect(has(deferred, 'findings.zone.not_found')).toBe(false)
    expect(has(first, 'findings.record.value_quoted')).toBe(false)
  })

  it('leaves the source messages as they were', () => {
    const copy = JSON.parse(JSON.stringify(en)) as typeof en
    splitMessages(copy, split)
    expect(copy).toEqual(en)
  })
})
