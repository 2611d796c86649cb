// The browser-mode bridge as an attacker meets it: a real server on 127.0.0.1:0, raw HTTP requests with
// missing or wrong tokens, foreign Host and Origin headers (DNS rebinding, cross-site requests), bodies
// too large or broken, unknown calls, and paths that try to leave the renderer folder.

import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicyHeader } from '../../src/main/shell/content-security-policy'
import { DEFAULT_MAX_BODY_BYTES } from '../../src/main/bridge/server'
import { defaultSettings } from '../../src/shared/default-settings'
import { api, raw, SECRET, startFixture, type BridgeFixture } from '../support/bridge'

let f: BridgeFixture
let port: number

beforeAll(async () => {
  f = await startFixture()
  port = f.bridge.port
})

afterAll(async () => {
  await f.close()
})

describe('happy path', () => {
  it('listens on 127.0.0.1 with a 32-byte random token', () => {
    expect(f.bridge.origin).toBe(`http://127.0.0.1:${port}`)
    expect(Buffer.from(f.bridge.token, 'base64url')).toHaveLength(32)
    expect(f.bridge.pageUrl).toBe(`http://127.0.0.1:${port}/?token=${f.bridge.token}`)
  })

  it('catalog:providers answers the catalog', async () => {
    const res = await api(f, 'catalog:providers', null)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    const body = res.json as { ok: boolean; value: { id: string }[] }
    expect(body.ok).toBe(true)
    expect(body.value.some((p) => p.id === 'generic')).toBe(true)
  })

  it('settings:get answers the settings (also with an empty body)', async () => {
    expect((await api(f, 'settings:get', null)).json).toEqual({ ok: true, value: defaultSettings(expect.any(String) as never) })
    const empty = await raw(port, {
      method: 'POST',
      path: '/api/settings:get',
      headers: { Authorization: `Bearer ${f.bridge.token}`, 'Content-Type': 'application/json' },
      body: ''
    })
    expect(empty.status).toBe(200)
    expect((empty.json as { ok: boolean }).ok).toBe(true)
  })

  it('bad input comes back as 400 with the typed error', async () => {
    const res = await api(f, 'sessions:delete', { id: '../../x' })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'id' } })
  })
})

describe('token', () => {
  it('refuses an API call without a token (401)', async () => {
    const res = await raw(port, { method: 'POST', path: '/api/settings:get', headers: { 'Content-Type': 'application/json' }, body: 'null' })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer')
    expect(res.json).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses a wrong token, and a token of the wrong length (401)', async () => {
    for (const token of ['A'.repeat(43), f.bridge.token.slice(0, -1), `${f.bridge.token}x`, f.bridge.token.toLowerCase()]) {
      if (token === f.bridge.token) continue
      const res = await api(f, 'settings:get', null, { Authorization: `Bearer ${token}` })
      expect(res.status).toBe(401)
    }
  })

  it('does not accept the token in the query string for API calls (only for the event stream)', async () => {
    const res = await raw(port, {
      method: 'POST',
      path: `/api/settings:get?token=${f.bridge.token}`,
      headers: { 'Content-Type': 'application/json' },
      body: 'null'
    })
    expect(res.status).toBe(401)
  })

  it('refuses the event stream without the token, and does not say which calls exist before auth', async () => {
    expect((await raw(port, { path: '/api/events' })).status).toBe(401)
    expect((await raw(port, { path: '/api/events?token=wrong' })).status).toBe(401)
    const unknown = await raw(port, { method: 'POST', path: '/api/fs:read', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(unknown.status).toBe(401)
  })
})

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  it.each(['evil.example', `evil.example:${0}`, 'localhost', '127.0.0.1', '127.0.0.2:PORT', 'localhost:PORT', '[::1]:PORT'])(
    'refuses Host %s, even with the right token',
    async (host) => {
      const res = await api(f, 'settings:get', null, { Host: host.replace('PORT', String(port)) })
      expect(res.status).toBe(421)
      expect(res.json).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
  )

  it('refuses static files to a foreign Host too', async () => {
    const res = await raw(port, { path: '/', headers: { Host: `attacker.example:${port}` } })
    expect(res.status).toBe(421)
    expect(res.text).not.toContain('DNS Verify Assistant</title>')
  })

  it.each(['https://evil.example', 'null', 'http://localhost:PORT', 'http://127.0.0.1:OTHER', 'https://127.0.0.1:PORT', 'http://127.0.0.1'])(
    'refuses Origin %s (403)',
    async (origin) => {
      const res = await api(f, 'settings:get', null, { Origin: origin.replace('PORT', String(port)).replace('OTHER', String(port + 1)) })
      expect(res.status).toBe(403)
    }
  )

  it('refuses what the browser marks as a cross-site request', async () => {
    const res = await api(f, 'settings:get', null, { 'Sec-Fetch-Site': 'cross-site' })
    expect(res.status).toBe(403)
    expect((await api(f, 'settings:get', null, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
  })
})

describe('request bodies and routing', () => {
  it('refuses a body whose declared size is over the limit (413) without reading it', async () => {
    const res = await raw(port, {
      method: 'POST',
      path: '/api/sessions:save',
      headers: {
        Authorization: `Bearer ${f.bridge.token}`,
        'Content-Type': 'application/json',
        'Content-Length': String(DEFAULT_MAX_BODY_BYTES + 1)
      }
    })
    expect(res.status).toBe(413)
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad_input' } })
  })

  it('stops reading a chunked body once it passes the limit (413)', async () => {
    const small = await startFixture({ maxBodyBytes: 1024 })
    try {
      const res = await raw(small.bridge.port, {
        method: 'POST',
        path: '/api/sessions:save',
        headers: { Authorization: `Bearer ${small.bridge.token}`, 'Content-Type': 'application/json' },
        chunks: [Buffer.from('{"id":"'), Buffer.alloc(2048, 'a'), Buffer.from('"}')]
      })
      expect(res.status).toBe(413)
      expect(res.text).toContain('larger than 1024 bytes')
    } finally {
      await small.close()
    }
  })

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await raw(port, {
      method: 'POST',
      path: '/api/diagnosis:run',
      headers: { Authorization: `Bearer ${f.bridge.token}`, 'Content-Type': 'application/json' },
      body: '{"domains": ["example.com",'
    })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/^The request body is not valid JSON/) } })
    expect(f.engine.runs).toHaveLength(0)
  })

  it('answers an unknown channel with 404', async () => {
    const res = await api(f, 'fs:read', { path: '/etc/passwd' })
    expect(res.status).toBe(404)
    expect(res.json).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect((await api(f, 'toString', null)).status).toBe(404)
    expect((await api(f, '__proto__', null)).status).toBe(404)
  })

  it('answers the wrong method with 405 and Allow', async () => {
    const get = await raw(port, { path: '/api/settings:get', headers: { Authorization: `Bearer ${f.bridge.token}` } })
    expect(get.status).toBe(405)
    expect(get.headers['allow']).toBe('POST')
    const post = await raw(port, { method: 'POST', path: `/api/events?token=${f.bridge.token}`, body: '' })
    expect(post.status).toBe(405)
    const del = await raw(port, { method: 'DELETE', path: '/' })
    expect(del.status).toBe(405)
  })

  it('wants JSON (415 otherwise), which also keeps out simple cross-site form posts', async () => {
    const res = await api(f, 'settings:get', null, { 'Content-Type': 'text/plain' })
    expect(res.status).toBe(415)
  })
})

describe('static files', () => {
  it('serves the renderer with the right content types and the app CSP', async () => {
    const page = await raw(port, { path: `/?token=${f.bridge.token}` })
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicyHeader())
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    expect(page.text).toContain('<div id="app">')
    expect((await raw(port, { path: '/index.html' })).status).toBe(200)
    expect((await raw(port, { path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await raw(port, { path: '/assets/style.css' })).headers['content-type']).toBe('text/css; charset=utf-8')
    const head = await raw(port, { method: 'HEAD', path: '/assets/app.js' })
    expect(head.status).toBe(200)
    expect(head.text).toBe('')
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/%00/../secret.txt',
    '//secret.txt',
    '//127.0.0.1/../secret.txt',
    'http://127.0.0.1/../secret.txt',
    '/link-out/secret.txt',
    '/.env',
    '/assets',
    '/assets/',
    '/nope.html',
    '/%E0%A4%A'
  ])('never serves anything outside the renderer, nor hidden files or folders: %s', async (path) => {
    const res = await raw(port, { path })
    expect([400, 404]).toContain(res.status)
    expect(res.text).not.toContain(SECRET)
    expect(res.headers['content-security-policy']).toBe(contentSecurityPolicyHeader())
  })
})

describe('duplicate Host header (RFC 9112 3.2)', () => {
  it.each([
    ['the right host twice', (p: number) => [`127.0.0.1:${p}`, `127.0.0.1:${p}`]],
    ['the right host, then a foreign one', (p: number) => [`127.0.0.1:${p}`, 'evil.example']],
    ['a foreign host, then the right one', (p: number) => ['evil.example', `127.0.0.1:${p}`]]
  ])('answers 400 to %s, even with the right token', async (_label, hosts) => {
    const res = await rawWithHeaderLines(port, [
      ...hosts(port).map((h) => `Host: ${h}`),
      `Authorization: Bearer ${f.bridge.token}`,
      'Content-Type: application/json',
      'Content-Length: 4'
    ], 'null')
    expect(res).toMatch(/^HTTP\/1\.1 400 /)
    expect(res).toContain('more than one Host header')
  })

  it('still answers a request with one Host header (the same raw client)', async () => {
    const res = await rawWithHeaderLines(port, [
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${f.bridge.token}`,
      'Content-Type: application/json',
      'Content-Length: 4'
    ], 'null')
    expect(res).toMatch(/^HTTP\/1\.1 200 /)
  })
})

/** Writes a request line by line on a socket (node:http's client merges repeated headers) and reads the answer. */
function rawWithHeaderLines(p: number, headerLines: string[], body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(p, '127.0.0.1', () => {
      socket.write(['POST /api/settings:get HTTP/1.1', ...headerLines, 'Connection: close', '', body].join('\r\n'))
    })
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
}
