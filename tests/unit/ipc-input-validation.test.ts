// Every channel's input is checked before the service sees it: shape, bounds, enums. A table of bad inputs
// per channel, each with the field the error must name. Semantic checks of the engine (InputError) are
// covered in tests/unit/services/api-service.test.ts.

import { describe, expect, it } from 'vitest'
import { API_CHANNELS, type ApiChannel } from '../../src/shared/api'
import { API_INPUT_SCHEMAS, validateApiInput } from '../../src/main/api/channel-schemas'
import { toApiErrorBody } from '../../src/main/api/error-body'
import { InputError } from '../../src/main/diagnosis/input'
import { defaultSettings } from '../../src/shared/default-settings'
import { sampleInput, sampleReport } from '../support/fake-engine'

const session = {
  id: 'abc-123',
  createdAt: '2024-05-28T00:00:00.000Z',
  updatedAt: '2024-05-28T00:00:00.000Z',
  step: 2,
  domain: 'example.com',
  certificateKind: 'single',
  domains: ['example.com'],
  host: '_dnsauth',
  type: 'TXT',
  value: 'v',
  ca: null,
  intendedPlatform: null,
  lastReport: sampleReport(),
  lastVerdict: 'action_needed'
}

const VALID: Record<ApiChannel, unknown> = {
  'catalog:providers': undefined,
  'catalog:cas': undefined,
  'catalog:resolverPresets': null,
  'dns:delegation': { domain: 'example.com' },
  'diagnosis:run': sampleInput({ resolvers: ['google', '127.0.0.1:5353'], roots: ['127.53.0.1'], authPort: 5353, timeoutMs: 500 }),
  'sessions:list': undefined,
  'sessions:save': session,
  'sessions:delete': { id: 'abc-123' },
  'settings:get': undefined,
  'settings:set': defaultSettings(),
  'report:render': { report: sampleReport(), format: 'markdown', locale: 'zh-CN' },
  'watch:start': { sessionId: 'abc-123', input: sampleInput(), intervalSeconds: 30 },
  'watch:stop': { sessionId: 'abc-123' },
  'store:problems': null
}

const long = (n: number) => 'a'.repeat(n)

/** [channel, input, field the error names ('' = the input as a whole)]; test names show the row number. */
const BAD: [ApiChannel, unknown, string][] = [
  ['catalog:providers', { anything: 1 }, ''],
  ['settings:get', 'x', ''],
  ['dns:delegation', undefined, ''],
  ['dns:delegation', { domain: 42 }, 'domain'],
  ['dns:delegation', { domain: long(300) }, 'domain'],
  ['dns:delegation', { domain: 'example.com', extra: true }, 'extra'],
  ['diagnosis:run', [], ''],
  ['diagnosis:run', { ...sampleInput(), domains: [] }, 'domains'],
  ['diagnosis:run', { ...sampleInput(), domains: Array.from({ length: 101 }, (_, i) => `d${i}.example.com`) }, 'domains'],
  ['diagnosis:run', { ...sampleInput(), domains: ['example.com', 7] }, 'domains.1'],
  ['diagnosis:run', { ...sampleInput(), value: long(4097) }, 'value'],
  ['diagnosis:run', { ...sampleInput(), type: 'txt' }, 'type'],
  ['diagnosis:run', { ...sampleInput(), host: undefined }, 'host'],
  ['diagnosis:run', { ...sampleInput(), authPort: 70000 }, 'authPort'],
  ['diagnosis:run', { ...sampleInput(), timeoutMs: 1.5 }, 'timeoutMs'],
  ['diagnosis:run', { ...sampleInput(), resolvers: Array.from({ length: 33 }, () => 'google') }, 'resolvers'],
  ['diagnosis:run', { ...sampleInput(), constructor: 'x' }, 'constructor'],
  ['diagnosis:run', JSON.parse(`{"domains":["a.com"],"host":"x","type":"TXT","value":"v","__proto__":{"polluted":1}}`), '__proto__'],
  ['sessions:save', { ...session, step: 6 }, 'step'],
  ['sessions:save', { ...session, id: 'a/b' }, 'id'],
  ['sessions:save', { ...session, lastVerdict: 'maybe' }, 'lastVerdict'],
  ['sessions:save', { ...session, lastReport: { ...sampleReport(), findings: [{ id: 'no.such', severity: 'error', params: {}, evidence: [] }] } }, 'lastReport.findings.0.id'],
  ['sessions:delete', { id: '' }, 'id'],
  ['sessions:delete', { id: long(65) }, 'id'],
  ['settings:set', { ...defaultSettings(), locale: 'fr' }, 'locale'],
  ['settings:set', { ...defaultSettings(), presets: ['google', 'nope'] }, 'presets.1'],
  ['settings:set', { ...defaultSettings(), customResolvers: ['dns.google'] }, 'customResolvers.0'],
  ['settings:set', { ...defaultSettings(), roots: ['127.0.0.1:99999'] }, 'roots.0'],
  ['settings:set', { ...defaultSettings(), watchIntervalSeconds: 0 }, 'watchIntervalSeconds'],
  ['settings:set', { ...defaultSettings(), theme: undefined }, 'theme'],
  ['report:render', { report: sampleReport(), format: 'html', locale: 'en' }, 'format'],
  ['report:render', { report: { ...sampleReport(), verdict: 'great' }, format: 'json', locale: 'en' }, 'report.verdict'],
  ['report:render', { report: { ...sampleReport(), placements: 'x' }, format: 'json', locale: 'en' }, 'report.placements'],
  ['watch:start', { sessionId: 'a', input: sampleInput(), intervalSeconds: 3601 }, 'intervalSeconds'],
  ['watch:start', { sessionId: 'a', input: { ...sampleInput(), value: 1 }, intervalSeconds: 30 }, 'input.value'],
  ['watch:stop', {}, 'sessionId']
]

describe('API input validation', () => {
  it('has a schema for every channel', () => {
    expect(Object.keys(API_INPUT_SCHEMAS).sort()).toEqual([...API_CHANNELS].sort())
  })

  it.each(API_CHANNELS)('%s accepts a well-formed input', (channel) => {
    const result = validateApiInput(channel, VALID[channel])
    expect(result.ok ? 'ok' : result.error).toBe('ok')
  })

  it.each(BAD.map(([channel, input, field], i) => ({ row: i + 1, channel, input, field })))(
    'row $row: $channel refuses bad input (field "$field")',
    ({ channel, input, field }) => {
    const result = validateApiInput(channel, input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('bad_input')
    expect(result.error.field ?? '').toBe(field)
    expect(result.error.message.length).toBeGreaterThan(5)
    expect(result.error.message).not.toMatch(/zod|ZodError|\[object/i)
    }
  )

  it('messages say what is wrong in words', () => {
    const message = (channel: ApiChannel, input: unknown) => {
      const r = validateApiInput(channel, input)
      return r.ok ? '' : r.error.message
    }
    expect(message('diagnosis:run', { ...sampleInput(), value: long(5000) })).toBe('"value" is too long: at most 4096 characters.')
    expect(message('diagnosis:run', { ...sampleInput(), host: 5 })).toBe('"host" must be a string, not a number.')
    expect(message('diagnosis:run', { ...sampleInput(), type: 'MX' })).toBe('"type" must be one of: "TXT", "CNAME".')
    expect(message('settings:set', { ...defaultSettings(), customResolvers: ['dns.google'] })).toMatch(/is not an IP address/)
    expect(message('catalog:cas', { x: 1 })).toBe('This call takes no input.')
  })

  it('maps engine InputError to bad_input with its field, anything else to internal', () => {
    expect(toApiErrorBody(new InputError('host', 'host.empty'))).toEqual({
      code: 'bad_input',
      field: 'host',
      message: 'The host record is empty. Copy it from the CA, for example _dnsauth.',
      messageId: 'host.empty',
      params: {}
    })
    expect(toApiErrorBody('weird')).toEqual({
      code: 'internal',
      message: 'Something went wrong inside the app: weird',
      messageId: 'api.internal',
      params: { detail: 'weird' }
    })
  })

  it('does not let a loose report smuggle unbounded data through nested strings', () => {
    const report = sampleReport()
    report.resolvers[0]!.label = long(9000)
    expect(validateApiInput('report:render', { report, format: 'json', locale: 'en' })).toMatchObject({
      ok: false,
      error: { field: 'report.resolvers.0.label' }
    })
  })
})
