// Full-width dots through the bridge with the real engine (issue 10, item 1): what a Chinese input method types for
// '.' (U+3002 。, U+FF0E ．, U+FF61 ｡) gets the same 400 and the same words as ASCII dots, never a 500.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEngine } from '../../src/main/services/default-engine'
import { api, startFixture, type BridgeFixture } from '../support/bridge'

let f: BridgeFixture

beforeAll(async () => {
  f = await startFixture({ engine: defaultEngine })
  // Nothing here may reach the internet: a root that does not exist, should a name ever get that far.
  const settings = (await api(f, 'settings:get', null)).json as { value: Record<string, unknown> }
  await api(f, 'settings:set', { ...settings.value, roots: ['127.0.0.1:9'], presets: [], includeSystemResolvers: false, customResolvers: [], timeoutMs: 100 })
})

afterAll(async () => {
  await f.close()
})

const DOTS = ['\u3002', '\uff0e', '\uff61']
const input = (overrides: Record<string, unknown>) => ({ domains: ['example.com'], host: '_dnsauth', type: 'TXT', value: 'token', ...overrides })

interface ErrorBody {
  ok: false
  error: { code: string; message: string; field?: string }
}

async function refusal(channel: string, body: unknown): Promise<ErrorBody['error']> {
  const res = await api(f, channel, body)
  expect(res.status).toBe(400)
  const json = res.json as ErrorBody
  expect(json.ok).toBe(false)
  expect(json.error.code).toBe('bad_input')
  return json.error
}

describe.each(DOTS)('full-width dot %j', (dot) => {
  it('in a certificate domain: 400 on domains.0 with the message of a..b', async () => {
    const ascii = await refusal('diagnosis:run', input({ domains: ['a..b'] }))
    const wide = await refusal('diagnosis:run', input({ domains: [`a.${dot}b`] }))
    expect(wide.field).toBe('domains.0')
    expect(wide.message).toBe(ascii.message.replace('a..b', `a.${dot}b`))
  })

  it('in the host record: 400 on host', async () => {
    const ascii = await refusal('diagnosis:run', input({ host: '_dnsauth..example.com' }))
    const wide = await refusal('diagnosis:run', input({ host: `_dnsauth.${dot}example.com` }))
    expect(wide.field).toBe('host')
    expect(wide.message).toBe(ascii.message.replace('..', `.${dot}`))
  })

  it('in step 1 (dns:delegation) and the watch: 400, not 500', async () => {
    expect((await refusal('dns:delegation', { domain: `a${dot}${dot}b` })).message).toContain('empty label')
    const watch = await refusal('watch:start', { sessionId: 's1', input: input({ domains: [`${dot}a.b`] }), intervalSeconds: 30 })
    expect(watch.message).toContain('empty label')
  })

  it('in a CNAME value: 400 on value', async () => {
    const error = await refusal('diagnosis:run', input({ type: 'CNAME', value: `x.${dot}example.net` }))
    expect(error.field).toBe('value')
    expect(error.message).toContain('empty label')
  })
})
