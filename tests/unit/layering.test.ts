// The layering rules of .dependency-cruiser.cjs (npm run lint:deps) hold for src/, and each one fires on the tree of
// planted violations in tests/support/layering: a rule that could not fail would pass here silently otherwise.
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as { forbidden: { name: string }[] }

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

async function cruise(target: string): Promise<Violation[]> {
  const bin = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
  const args = [bin, target, '--config', '.dependency-cruiser.cjs', '--output-type', 'json']
  // depcruise exits non-zero when it finds violations; the JSON on stdout is the answer either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch(
    (e: { stdout?: string }) => ({ stdout: e.stdout ?? '' })
  )
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations
}

describe('layering', () => {
  it('src/ keeps every rule', async () => {
    expect((await cruise('src')).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([])
  })

  it('every rule fires on a planted violation, and the named exceptions do not', async () => {
    const found = await cruise('tests/support/layering/src')
    const fired = new Set(found.map((v) => v.rule.name))
    expect([...fired].sort()).toEqual(config.forbidden.map((rule) => rule.name).sort())
    const plant = (path: string) => `tests/support/layering/src/${path}`
    expect(found).toContainEqual(expect.objectContaining({ rule: expect.objectContaining({ name: 'shared-is-pure' }), from: plant('shared/bad.ts') }))
    expect(found.filter((v) => v.to === plant('main/shell/content-security-policy.ts'))).toEqual([])
  })
})
