import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { moveAside, removeStaleTempFiles, writeFileAtomic } from '../../../src/main/services/atomic-file'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dnsverify-atomic-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomic', () => {
  it('creates the folder and the file, and replaces it on the next write', async () => {
    const path = join(dir, 'nested', 'a.json')
    await writeFileAtomic(path, 'one')
    await writeFileAtomic(path, 'two')
    expect(await readFile(path, 'utf8')).toBe('two')
    expect(await readdir(join(dir, 'nested'))).toEqual(['a.json'])
  })

  it('keeps the old file intact when the write fails between the temp file and the rename', async () => {
    const path = join(dir, 'a.json')
    await writeFileAtomic(path, 'old content')
    let tempSeen = ''
    await expect(
      writeFileAtomic(path, 'new content', {
        beforeRename: async (temp) => {
          tempSeen = temp
          expect(await readFile(temp, 'utf8')).toBe('new content')
          throw new Error('simulated crash')
        }
      })
    ).rejects.toThrow('simulated crash')
    expect(await readFile(path, 'utf8')).toBe('old content')
    // An error (unlike a kill) cleans its temporary file up.
    expect(await readdir(dir)).toEqual(['a.json'])
    expect(tempSeen).toContain('.a.json.')
  })

  it('keeps the old file intact when the process is killed between the temp file and the rename', async () => {
    const path = join(dir, 'session.json')
    await writeFileAtomic(path, '{"version":"old"}')
    const moduleUrl = pathToFileURL(resolve('src/main/services/atomic-file.ts')).href
    const script = join(dir, 'killed-writer.mts')
    await writeFile(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(moduleUrl)}\n` +
        `await writeFileAtomic(${JSON.stringify(path)}, '{"version":"new"}', {\n` +
        `  beforeRename: () => { process.kill(process.pid, 'SIGKILL') }\n` +
        `})\n`
    )
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' })
    expect(child.signal).toBe('SIGKILL')
    expect(await readFile(path, 'utf8')).toBe('{"version":"old"}')
    const leftovers = (await readdir(dir)).filter((n) => n.endsWith('.tmp'))
    expect(leftovers).toHaveLength(1)
    expect(await readFile(join(dir, leftovers[0]!), 'utf8')).toBe('{"version":"new"}')
  })

  it('gives the new file owner-only permissions', async () => {
    if (process.platform === 'win32') return
    const path = join(dir, 'private.json')
    await writeFileAtomic(path, 'x')
    const { stat } = await import('node:fs/promises')
    expect((await stat(path)).mode & 0o777).toBe(0o600)
  })
})

describe('removeStaleTempFiles', () => {
  it('removes temp files older than the limit and leaves fresh ones and other files alone', async () => {
    const old = join(dir, '.a.json.123.abc.tmp')
    const fresh = join(dir, '.b.json.123.def.tmp')
    await writeFile(old, 'x')
    await writeFile(fresh, 'y')
    await writeFile(join(dir, 'a.json'), 'keep')
    const now = Date.now()
    const longAgo = new Date(now - 3_600_000)
    await utimes(old, longAgo, longAgo)
    const removed = await removeStaleTempFiles(dir, 60_000, now)
    expect(removed).toEqual([old])
    expect((await readdir(dir)).sort()).toEqual(['.b.json.123.def.tmp', 'a.json'])
  })

  it('is fine with a folder that does not exist', async () => {
    expect(await removeStaleTempFiles(join(dir, 'missing'))).toEqual([])
  })
})

describe('moveAside', () => {
  it('renames to .corrupt-<time> and never overwrites an earlier one', async () => {
    const path = join(dir, 'settings.json')
    const at = new Date('2024-05-28T10:11:12.134Z')
    await writeFile(path, 'first')
    const first = await moveAside(path, at)
    await writeFile(path, 'second')
    const second = await moveAside(path, at)
    expect(first).toBe(`${path}.corrupt-2024-05-28T10-11-12-134Z`)
    expect(second).toBe(`${path}.corrupt-2024-05-28T10-11-12-134Z-2`)
    expect(await readFile(first, 'utf8')).toBe('first')
    expect(await readFile(second, 'utf8')).toBe('second')
  })
})
