// Browser mode's launch code (issue 10, item 6): the browser opener's command line (visible to every local user with
// `ps`) carries a one-time code, never the session token; the page trades the code once for the token.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openerCommandFor } from '../../src/main/bridge/cli'
import { createLaunchCodes } from '../../src/main/bridge/launch-codes'
import { createHttpClient, takeBridgeToken, redeemLaunchCode, TOKEN_STORAGE_KEY, type TokenWindow } from '../../src/renderer/src/api/http'
import { api, raw, startFixture, type BridgeFixture } from '../support/bridge'

let f: BridgeFixture
let clock = 0
let expiring: BridgeFixture

beforeAll(async () => {
  f = await startFixture()
  expiring = await startFixture({ launchCodes: createLaunchCodes({ ttlMs: 1000, now: () => clock }) })
})

afterAll(async () => {
  await f.close()
  await expiring.close()
})

function launch(fixture: BridgeFixture, body: unknown, headers: Record<string, string> = {}) {
  return raw(fixture.bridge.port, {
    method: 'POST',
    path: '/api/launch',
    headers: { 'Content-Type': 'application/json', Origin: fixture.bridge.origin, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
}

function codeOf(url: string): string {
  const parsed = new URL(url)
  expect(parsed.searchParams.get('token')).toBeNull()
  return parsed.searchParams.get('launch')!
}

describe('launch codes', () => {
  it('a launch URL carries a code, not the token, and the code works once', async () => {
    const url = f.bridge.launchUrl()
    expect(url).not.toContain(f.bridge.token)
    expect(url.startsWith(`${f.bridge.origin}/?launch=`)).toBe(true)
    const code = codeOf(url)
    const first = await launch(f, { code })
    expect(first.status).toBe(200)
    expect(first.json).toEqual({ ok: true, value: { token: f.bridge.token } })
    const second = await launch(f, { code })
    expect(second.status).toBe(401)
    expect(second.json).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('already used or has expired') } })
  })

  it('each launch URL has its own code; using one leaves the others valid', async () => {
    const a = codeOf(f.bridge.launchUrl())
    const b = codeOf(f.bridge.launchUrl())
    expect(a).not.toBe(b)
    expect((await launch(f, { code: b })).status).toBe(200)
    expect((await launch(f, { code: a })).status).toBe(200)
  })

  it('refuses an expired code', async () => {
    clock = 0
    const late = codeOf(expiring.bridge.launchUrl())
    const onTime = codeOf(expiring.bridge.launchUrl())
    clock = 999
    expect((await launch(expiring, { code: onTime })).status).toBe(200)
    clock = 1000
    expect((await launch(expiring, { code: late })).status).toBe(401)
  })

  it.each([
    ['no body', ''],
    ['bad JSON', '{"code":'],
    ['no code', {}],
    ['a number', { code: 7 }],
    ['a made-up code', { code: 'A'.repeat(32) }],
    ['the token itself', { code: 'TOKEN' }]
  ])('refuses %s (401) and never gives the token', async (_label, body) => {
    const res = await launch(f, body === '' || typeof body === 'string' ? body : JSON.parse(JSON.stringify(body).replace('TOKEN', f.bridge.token)))
    expect(res.status).toBe(401)
    expect(res.text).not.toContain(f.bridge.token)
  })

  it('keeps the Host, Origin and method checks of every other call', async () => {
    const code = codeOf(f.bridge.launchUrl())
    expect((await launch(f, { code }, { Host: 'evil.example' })).status).toBe(421)
    expect((await launch(f, { code }, { Origin: 'https://evil.example' })).status).toBe(403)
    expect((await raw(f.bridge.port, { path: `/api/launch?code=${code}` })).status).toBe(405)
    // None of those spent the code.
    expect((await launch(f, { code })).status).toBe(200)
  })
})

describe('browser opener command line', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('on %s holds a launch code and never the token', async (platform) => {
    const [command, args] = openerCommandFor(f.bridge, platform)
    const argv = [command, ...args]
    for (const arg of argv) expect(arg).not.toContain(f.bridge.token)
    const url = argv.find((arg) => arg.includes('/?launch='))!
    expect(url).toBeDefined()
    // The code in it is a working one.
    expect((await launch(f, { code: codeOf(url.replace(/\^&/g, '&')) })).json).toEqual({ ok: true, value: { token: f.bridge.token } })
  })
})

describe('the page trades the code (renderer http transport)', () => {
  function fakeWindow(href: string): TokenWindow & { stored: Map<string, string>; address: () => string } {
    let current = href
    const stored = new Map<string, string>()
    return {
      location: {
        get href() {
          return current
        }
      },
      history: { state: null, replaceState: (_d, _u, url) => void (current = new URL(url!, current).href) },
      sessionStorage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
      stored,
      address: () => current
    }
  }
  const redeemAt = (fixture: BridgeFixture) => (code: string) => redeemLaunchCode(code, `${fixture.bridge.origin}/api`)

  it('gets the token, keeps it in sessionStorage, drops the code from the address, and calls work', async () => {
    const win = fakeWindow(`${f.bridge.launchUrl()}#step-4`)
    const taken = takeBridgeToken(win, redeemAt(f))
    expect(win.address()).toBe(`${f.bridge.origin}/#step-4`)
    expect(await taken).toBe(f.bridge.token)
    expect(win.stored.get(TOKEN_STORAGE_KEY)).toBe(f.bridge.token)
    const client = createHttpClient({ token: taken, basePath: `${f.bridge.origin}/api` })
    expect((await client['settings:get']()).timeoutMs).toBeGreaterThan(0)
  })

  it('a second page with the same launch address gets nothing (the code is spent) and says how to get in', async () => {
    const url = f.bridge.launchUrl()
    expect(await takeBridgeToken(fakeWindow(url), redeemAt(f))).toBe(f.bridge.token)
    const other = fakeWindow(url)
    const taken = takeBridgeToken(other, redeemAt(f))
    expect(await taken).toBeNull()
    const client = createHttpClient({ token: taken, basePath: `${f.bridge.origin}/api` })
    await expect(client['settings:get']()).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('?token=') })
  })

  it('after a reload (no code in the address any more) uses the stored token', async () => {
    const win = fakeWindow(f.bridge.launchUrl())
    await takeBridgeToken(win, redeemAt(f))
    expect(takeBridgeToken(win, redeemAt(f))).toBe(f.bridge.token)
  })
})

it('API calls still need the token: the launch endpoint is the only one open without it', async () => {
  const res = await api(f, 'settings:get', null, { Authorization: 'Bearer nope' })
  expect(res.status).toBe(401)
})
