import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VerificationSession } from '../../../src/shared/api'
import { SessionStore } from '../../../src/main/services/session-store'
import type { StoreLogger } from '../../../src/main/services/store-problems'
import { sampleReport } from '../../support/fake-engine'

let dataDir: string
let warnings: string[]
let logger: StoreLogger

function session(overrides: Partial<VerificationSession> = {}): VerificationSession {
  return {
    id: 'session-1',
    createdAt: '2024-05-28T00:00:00.000Z',
    updatedAt: '2024-05-28T00:00:00.000Z',
    step: 3,
    domain: 'example.com',
    certificateKind: 'multi',
    domains: ['example.com', 'www.example.com'],
    host: '_dnsauth',
    type: 'TXT',
    value: 'token-value',
    ca: 'digicert',
    intendedPlatform: 'cloudflare',
    lastReport: null,
    lastVerdict: null,
    ...overrides
  }
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-sessions-'))
  warnings = []
  logger = { warn: (m) => warnings.push(m) }
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('SessionStore', () => {
  it('round-trips several sessions, with reports, across store instances (a restart)', async () => {
    const first = new SessionStore({ dataDir, logger })
    const report = sampleReport()
    await first.save(session({ id: 'a', createdAt: '2024-05-28T01:00:00.000Z', lastReport: report, lastVerdict: report.verdict }))
    await first.save(session({ id: 'b', domain: 'example.org', createdAt: '2024-05-28T02:00:00.000Z' }))

    const second = new SessionStore({ dataDir, logger })
    const listed = await second.list()
    expect(listed.map((s) => s.id)).toEqual(['a', 'b'])
    expect(listed[0]!.lastReport).toEqual(report)
    expect(listed[1]!.domain).toBe('example.org')
    expect(warnings).toEqual([])
  })

  it('keeps createdAt of a known session, sets updatedAt, and assigns an id to a new one', async () => {
    let clock = new Date('2024-06-01T00:00:00.000Z')
    const store = new SessionStore({ dataDir, logger, now: () => clock })
    const saved = await store.save(session({ id: '', createdAt: '' }))
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(saved.createdAt).toBe('2024-06-01T00:00:00.000Z')
    clock = new Date('2024-06-02T00:00:00.000Z')
    const again = await store.save({ ...saved, createdAt: '1999-01-01T00:00:00.000Z', step: 4 })
    expect(again.createdAt).toBe('2024-06-01T00:00:00.000Z')
    expect(again.updatedAt).toBe('2024-06-02T00:00:00.000Z')
    expect((await store.get(saved.id))?.step).toBe(4)
  })

  it('writes one file per session and deletes it', async () => {
    const store = new SessionStore({ dataDir, logger })
    await store.save(session({ id: 'one' }))
    await store.save(session({ id: 'two' }))
    expect((await readdir(join(dataDir, 'sessions'))).sort()).toEqual(['one.json', 'two.json'])
    expect(await store.delete('one')).toBe(true)
    expect(await store.delete('one')).toBe(false)
    expect((await store.list()).map((s) => s.id)).toEqual(['two'])
  })

  it('moves a corrupt file aside, reports it, and still lists the other sessions', async () => {
    const store = new SessionStore({ dataDir, logger })
    await store.save(session({ id: 'good' }))
    const sessionsDir = join(dataDir, 'sessions')
    await writeFile(join(sessionsDir, 'broken.json'), '{"format":1,"session":{"id":"bro')
    await writeFile(join(sessionsDir, 'wrong-shape.json'), JSON.stringify({ format: 1, session: { id: 'wrong-shape', step: 9 } }))

    const fresh = new SessionStore({ dataDir, logger })
    const listed = await fresh.list()
    expect(listed.map((s) => s.id)).toEqual(['good'])
    expect(fresh.problems).toHaveLength(2)
    expect(fresh.problems.map((p) => p.reason).join('\n')).toMatch(/not valid JSON/)
    expect(warnings).toHaveLength(2)
    const names = (await readdir(sessionsDir)).sort()
    expect(names.filter((n) => n.startsWith('broken.json.corrupt-'))).toHaveLength(1)
    expect(names.filter((n) => n.startsWith('wrong-shape.json.corrupt-'))).toHaveLength(1)
    expect(names).toContain('good.json')
    // The broken content is kept as it was, for a bug report.
    const kept = names.find((n) => n.startsWith('broken.json.corrupt-'))!
    expect(await readFile(join(sessionsDir, kept), 'utf8')).toBe('{"format":1,"session":{"id":"bro')
    // And it is not read again.
    expect((await fresh.list()).map((s) => s.id)).toEqual(['good'])
    expect(fresh.problems).toHaveLength(2)
  })

  it('treats a file whose session id does not match its name as corrupt', async () => {
    const store = new SessionStore({ dataDir, logger })
    await store.save(session({ id: 'real' }))
    const sessionsDir = join(dataDir, 'sessions')
    await writeFile(join(sessionsDir, 'copy.json'), await readFile(join(sessionsDir, 'real.json'), 'utf8'))
    expect((await store.list()).map((s) => s.id)).toEqual(['real'])
    expect(store.problems[0]?.reason).toMatch(/id "real", not "copy"/)
  })

  it('ignores stray files and removes stale temp files of interrupted writes', async () => {
    const sessionsDir = join(dataDir, 'sessions')
    await mkdir(sessionsDir, { recursive: true })
    await writeFile(join(sessionsDir, 'notes.txt'), 'hello')
    const temp = join(sessionsDir, '.x.json.1.ab.tmp')
    await writeFile(temp, 'partial')
    const { utimes } = await import('node:fs/promises')
    const old = new Date(Date.now() - 3_600_000)
    await utimes(temp, old, old)
    const store = new SessionStore({ dataDir, logger })
    expect(await store.list()).toEqual([])
    expect((await readdir(sessionsDir)).sort()).toEqual(['notes.txt'])
  })

  it('serializes concurrent updates of one session so none is lost', async () => {
    const store = new SessionStore({ dataDir, logger })
    await store.save(session({ id: 'busy', domains: [] }))
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.update('busy', (s) => ({ ...s, domains: [...s.domains, `d${i}.example.com`] })))
    )
    const stored = await store.get('busy')
    expect(stored?.domains).toHaveLength(20)
  })

  it('update returns null for an unknown session and writes nothing', async () => {
    const store = new SessionStore({ dataDir, logger })
    expect(await store.update('ghost', (s) => s)).toBeNull()
    expect(await store.list()).toEqual([])
  })

  it('refuses ids that could leave the folder, and limits the number of sessions', async () => {
    const store = new SessionStore({ dataDir, logger, maxSessions: 2 })
    await expect(store.save(session({ id: '../escape' }))).rejects.toMatchObject({ code: 'bad_input', field: 'id' })
    expect(await store.get('../escape')).toBeNull()
    await store.save(session({ id: 'one' }))
    await store.save(session({ id: 'two' }))
    await expect(store.save(session({ id: 'three' }))).rejects.toMatchObject({ code: 'bad_input' })
    // Updating an existing one is still fine.
    await expect(store.save(session({ id: 'two', step: 5 }))).resolves.toMatchObject({ step: 5 })
  })
})
