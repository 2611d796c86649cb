// One odd entry in the data folder (issue 10, item 3): every entry that is not a readable regular file is moved
// aside and reported as a store problem, once; the other sessions still list, and saving still works. A FIFO is
// never opened, so nothing hangs. Real entries in a temp folder: folders, FIFOs (mkfifo), symbolic links, and a
// file another user wrote (as root, the store runs as `nobody` in a child process, since root reads anything).

import { execFileSync, spawnSync } from 'node:child_process'
import { chmod, chown, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VerificationSession } from '../../../src/shared/api'
import { readTextIfExists, UnusableEntryError } from '../../../src/main/services/atomic-file'
import { SessionStore } from '../../../src/main/services/session-store'
import { defaultSettings } from '../../../src/shared/default-settings'
import { SettingsStore } from '../../../src/main/services/settings-store'

const repo = resolve(import.meta.dirname, '../../..')
let dataDir: string
let warnings: string[]
const logger = { warn: (m: string) => warnings.push(m) }

function session(id: string): VerificationSession {
  return {
    id,
    createdAt: '2024-05-28T00:00:00.000Z',
    updatedAt: '2024-05-28T00:00:00.000Z',
    step: 3,
    domain: 'example.com',
    certificateKind: 'single',
    records: [{ domain: 'example.com', host: '_dnsauth', type: 'TXT', value: 'token' }],
    ca: null,
    intendedPlatform: null,
    lastReport: null,
    lastVerdict: null
  }
}

function sessionFile(id: string): string {
  return JSON.stringify({ format: 1, session: session(id) })
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-datadir-'))
  warnings = []
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('sessions folder with odd entries', () => {
  it('lists the good sessions, moves aside a folder, a FIFO, a symbolic link and a non-JSON file named *.json, and reports each once', async () => {
    const dir = join(dataDir, 'sessions')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'good.json'), sessionFile('good'))
    await mkdir(join(dir, 'folder.json'))
    execFileSync('mkfifo', [join(dir, 'pipe.json')])
    await writeFile(join(dataDir, 'elsewhere.json'), sessionFile('linked'))
    await symlink(join(dataDir, 'elsewhere.json'), join(dir, 'linked.json'))
    await writeFile(join(dir, 'garbage.json'), 'not json')
    const store = new SessionStore({ dataDir, logger })

    expect((await store.list()).map((s) => s.id)).toEqual(['good'])
    const reasons = Object.fromEntries(store.problems.map((p) => [p.file.split('/').pop(), p.reason]))
    expect(reasons).toEqual({
      'folder.json': 'is a folder, not a file',
      'pipe.json': 'is a named pipe (FIFO), not a file',
      'linked.json': 'is a symbolic link, not a file',
      'garbage.json': expect.stringContaining('not valid JSON')
    })
    expect(store.problems.every((p) => p.movedTo !== null && p.movedTo.includes('.corrupt-'))).toBe(true)
    expect((await readdir(dir)).filter((n) => n.endsWith('.json')).sort()).toEqual(['good.json'])
    // Nothing new on the next list; the linked file itself was not touched.
    expect((await store.list()).map((s) => s.id)).toEqual(['good'])
    expect(store.problems).toHaveLength(4)
    expect(await readTextIfExists(join(dataDir, 'elsewhere.json'))).toBe(sessionFile('linked'))
    // The names are free again and saving works.
    await store.save(session('folder'))
    await store.save(session('pipe'))
    expect((await store.list()).map((s) => s.id).sort()).toEqual(['folder', 'good', 'pipe'])
  })

  it('reports an entry it cannot move aside once, and still lists the rest', async () => {
    const dir = join(dataDir, 'sessions')
    await mkdir(join(dir, 'stuck.json'), { recursive: true })
    await writeFile(join(dir, 'good.json'), sessionFile('good'))
    const store = new SessionStore({ dataDir, logger, now: () => new Date('2024-05-28T00:00:00.000Z') })
    // A folder already where the moved entry would go, and one for each retry name: moveAside renames onto a
    // non-empty folder, which fails.
    await mkdir(join(dir, 'stuck.json.corrupt-2024-05-28T00-00-00-000Z', 'x'), { recursive: true })
    expect((await store.list()).map((s) => s.id)).toEqual(['good'])
    expect((await store.list()).map((s) => s.id)).toEqual(['good'])
    const stuck = store.problems.filter((p) => p.file.endsWith('stuck.json'))
    expect(stuck).toHaveLength(1)
  })

  it('moves aside a file named "sessions", then lists nothing and saves into a new folder', async () => {
    await writeFile(join(dataDir, 'sessions'), 'I am a file')
    const store = new SessionStore({ dataDir, logger })
    expect(await store.list()).toEqual([])
    expect(store.problems).toEqual([
      { file: join(dataDir, 'sessions'), movedTo: expect.stringContaining('sessions.corrupt-'), reason: '"sessions" is a file, not a folder' }
    ])
    await store.save(session('new'))
    expect((await store.list()).map((s) => s.id)).toEqual(['new'])
  })

  it('saves when "sessions" is a FIFO (moved aside first, never opened)', async () => {
    execFileSync('mkfifo', [join(dataDir, 'sessions')])
    const store = new SessionStore({ dataDir, logger })
    await store.save(session('new'))
    expect((await store.list()).map((s) => s.id)).toEqual(['new'])
    expect(store.problems[0]!.reason).toBe('"sessions" is a named pipe (FIFO), not a folder')
  })
})

describe('settings.json that is not a file', () => {
  it.each([
    ['a folder', async (path: string) => void (await mkdir(path)), 'is a folder, not a file'],
    ['a FIFO', async (path: string) => void execFileSync('mkfifo', [path]), 'is a named pipe (FIFO), not a file'],
    ['a symbolic link', async (path: string) => void (await symlink('/etc/hostname', path)), 'is a symbolic link, not a file']
  ])('as %s: defaults, reported once, moved aside; saving works', async (_kind, make, reason) => {
    await make(join(dataDir, 'settings.json'))
    const store = new SettingsStore({ dataDir, logger })
    expect(await store.get()).toEqual(defaultSettings())
    expect(await store.get()).toEqual(defaultSettings())
    expect(store.problems).toEqual([{ file: join(dataDir, 'settings.json'), movedTo: expect.stringContaining('settings.json.corrupt-'), reason }])
    await store.set({ ...defaultSettings(), timeoutMs: 1234 })
    expect((await store.get()).timeoutMs).toBe(1234)
  })

  it('saves over a folder created after the last read (moved aside first)', async () => {
    const store = new SettingsStore({ dataDir, logger })
    expect(await store.get()).toEqual(defaultSettings())
    await mkdir(join(dataDir, 'settings.json'))
    await store.set({ ...defaultSettings(), timeoutMs: 999 })
    expect((await store.get()).timeoutMs).toBe(999)
    expect(store.problems.map((p) => p.reason)).toEqual(['is a folder, not a file'])
  })
})

describe('readTextIfExists', () => {
  it('refuses a file larger than a stored file can be, without reading it', async () => {
    await writeFile(join(dataDir, 'big.json'), 'x'.repeat(100))
    await expect(readTextIfExists(join(dataDir, 'big.json'), 50)).rejects.toThrow(UnusableEntryError)
    expect(await readTextIfExists(join(dataDir, 'nothing.json'))).toBeNull()
  })
})

describe('a file the user cannot read (left by a one-off `sudo npm run web`)', () => {
  const isRoot = process.getuid?.() === 0

  it('is moved aside and reported; the other sessions still list and saving works', async () => {
    const dir = join(dataDir, 'sessions')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'mine.json'), sessionFile('mine'))
    await writeFile(join(dir, 'roots.json'), sessionFile('roots'), { mode: 0o600 })
    let result: { ids: string[]; problems: { file: string; reason: string; movedTo: string | null }[]; saved: string[] }
    if (isRoot) {
      // Root reads any file: run the store as `nobody`, who owns the folder but not roots.json.
      await chown(dataDir, 65534, 65534)
      await chown(dir, 65534, 65534)
      await chown(join(dir, 'mine.json'), 65534, 65534)
      await chmod(dataDir, 0o755)
      const script = join(dataDir, 'list.mts')
      await writeFile(
        script,
        `import { SessionStore } from ${JSON.stringify(join(repo, 'src/main/services/session-store.ts'))}
const store = new SessionStore({ dataDir: ${JSON.stringify(dataDir)}, logger: { warn: () => undefined } })
const ids = (await store.list()).map((s) => s.id)
const base = (await store.list())[0]
await store.save({ ...base, id: 'after' })
const saved = (await store.list()).map((s) => s.id)
console.log(JSON.stringify({ ids, problems: store.problems, saved }))`
      )
      const run = spawnSync(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), script], {
        uid: 65534,
        gid: 65534,
        cwd: dataDir,
        env: { ...process.env, HOME: dataDir, TSX_DISABLE_CACHE: '1' },
        encoding: 'utf8',
        timeout: 60_000
      })
      expect(run.stderr).toBe('')
      result = JSON.parse(run.stdout)
    } else {
      await chmod(join(dir, 'roots.json'), 0o000)
      const store = new SessionStore({ dataDir, logger })
      const ids = (await store.list()).map((s) => s.id)
      await store.save(session('after'))
      result = { ids, problems: [...store.problems], saved: (await store.list()).map((s) => s.id) }
    }
    expect(result.ids).toEqual(['mine'])
    expect(result.problems).toEqual([
      { file: join(dir, 'roots.json'), movedTo: expect.stringContaining('roots.json.corrupt-'), reason: expect.stringContaining('permission denied') }
    ])
    expect(result.saved.sort()).toEqual(['after', 'mine'])
  }, 60_000)
})
