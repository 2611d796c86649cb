// Every message key the renderer uses exists in English (and, by src/renderer/src/i18n.test.ts, in every locale),
// including the keys built from a value (`ui.status.server.<status>`, `ui.blockers.<blocker>`).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../../../src/shared/locales/en.json'

const root = join(import.meta.dirname, '../../../src/renderer/src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
  })
}

function has(key: string): boolean {
  let node: unknown = en
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

describe('message keys used by the renderer', () => {
  it('exist in en.json', () => {
    const used = new Set<string>()
    for (const file of sourceFiles(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"](ui\.[A-Za-z0-9_.]+[A-Za-z0-9_])['"]/g)) used.add(match[1]!)
    }
    expect(used.size).toBeGreaterThan(150)
    expect([...used].filter((key) => !has(key))).toEqual([])
  })

  it.each([
    ['ui.status.server', ['ok', 'timeout', 'refused', 'servfail', 'lame', 'network', 'nxdomain', 'nodata', 'differs', 'wildcard']],
    ['ui.status.resolver', ['ok', 'old_value', 'nxdomain', 'nodata', 'servfail', 'bogus', 'timeout', 'refused', 'network', 'differs']],
    ['ui.blockers', ['lookupFirst', 'domainNotFound', 'choosePlatform', 'decidePlatform', 'movingDns', 'needDomains', 'needHost', 'needValue', 'needCheck']],
    ['ui.step5.checks', ['authoritative', 'caches', 'caa', 'dnssec']],
    ['ui.step5.checkNotes', ['noResolver', 'noResolverAnswered', 'noServerAnswered', 'caaRestricts', 'caaNoneAllowed']],
    ['ui.steps', ['procedure', 'information', 'add', 'check', 'result']]
  ])('%s.<each value> exists', (prefix, values) => {
    expect(values.filter((value) => !has(`${prefix}.${value}`))).toEqual([])
  })
})
