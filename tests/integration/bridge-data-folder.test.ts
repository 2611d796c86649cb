// The browser-mode bridge as `npm run web` runs it, on a data folder with a FIFO named like a session and a folder
// named settings.json (issue 10, item 3): the calls answer, and SIGTERM stops the process.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'

const repo = resolve(import.meta.dirname, '../..')
let root: string
let child: ChildProcess
let origin: string
let token: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dnsverify-bridge-data-'))
  const data = join(root, 'data')
  await mkdir(join(data, 'sessions'), { recursive: true })
  execFileSync('mkfifo', [join(data, 'sessions', 'x.json')])
  await mkdir(join(data, 'settings.json'))
  await mkdir(join(root, 'renderer'))
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>')
  child = spawn(
    process.execPath,
    // tsx as a loader in this one process (not its CLI, which relays signals through a parent of its own), so the
    // SIGTERM below reaches the bridge itself.
    ['--import', 'tsx', 'src/main/bridge/cli.ts', '--no-open', '--data-dir', data, '--renderer-dir', join(root, 'renderer'), '--root', '127.0.0.1:9'],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  await new Promise<void>((resolveStart, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        origin = match[1]!
        token = match[2]!
        resolveStart()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
  })
}, 70_000)

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL')
  await rm(root, { recursive: true, force: true })
})

async function call(channel: string): Promise<{ status: number; body: { ok: boolean; value?: unknown } }> {
  const res = await fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: 'null',
    signal: AbortSignal.timeout(10_000)
  })
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown } }
}

it('lists sessions past a FIFO and reads settings past a folder, then stops on SIGTERM', async () => {
  const sessions = await call('sessions:list')
  expect(sessions).toEqual({ status: 200, body: { ok: true, value: [] } })
  const settings = await call('settings:get')
  expect(settings.status).toBe(200)
  expect(settings.body.ok).toBe(true)
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  child.kill('SIGTERM')
  const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 15_000))])
  expect(code).toBe(0)
}, 40_000)
