// @vitest-environment happy-dom
import { ApiError } from '@shared/api-result'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../src/renderer/src/api'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessions'
import { useSettingsStore } from '../../../src/renderer/src/stores/settings'
import { useStoreProblemsStore } from '../../../src/renderer/src/stores/store-problems'
import { useCheckStore } from '../../../src/renderer/src/stores/check'
import { UNKNOWN_PLATFORM, useDelegationStore } from '../../../src/renderer/src/stores/delegation'
import { useDraftStore } from '../../../src/renderer/src/stores/draft'
import { useWizardStore } from '../../../src/renderer/src/stores/wizard'
import { createFakeApi, delegation as delegationSummary, OK_REPORT, QUOTED_REPORT, type FakeApi } from '../../support/renderer/fake-api'
import { createTestPinia } from '../../support/renderer/mount'

let api: FakeApi

// The stores of the test's pinia (each test starts a fresh one).
let draft: ReturnType<typeof useDraftStore>
let delegation: ReturnType<typeof useDelegationStore>
let check: ReturnType<typeof useCheckStore>

beforeEach(() => {
  createTestPinia()
  api = createFakeApi()
  setApi(api)
  draft = useDraftStore()
  delegation = useDelegationStore()
  check = useCheckStore()
})

describe('useWizardStore, step 1', () => {
  it('asks for a lookup, then a platform, before it lets the user continue', async () => {
    const wizard = useWizardStore()
    expect(wizard.blocker).toBe('lookupFirst')
    await delegation.lookUp('https://Example.com/shop')
    expect(api['dns:delegation']).toHaveBeenCalledWith({ domain: 'example.com' })
    expect(draft.session.domain).toBe('example.com')
    expect(wizard.blocker).toBe('choosePlatform')
    delegation.choosePlatform('cloudflare')
    expect(wizard.blocker).toBeNull()
    expect(draft.session.intendedPlatform).toBe('cloudflare')
  })

  it('shows a local error for something that is not a domain, without asking DNS', async () => {
    await delegation.lookUp('not a domain')
    expect(draft.errors['domain']?.messageId).toBe('name.space')
    expect(api['dns:delegation']).not.toHaveBeenCalled()
  })

  it('never lets the user continue blind when the DNS is elsewhere: an explicit choice is required', async () => {
    const wizard = useWizardStore()
    await delegation.lookUp('example.com')
    delegation.choosePlatform('huaweicloud')
    expect(delegation.mismatch).toBe(true)
    expect(wizard.blocker).toBe('decidePlatform')
    delegation.decide('move_dns')
    expect(wizard.blocker).toBe('movingDns')
    delegation.decide('add_at_dns_host')
    expect(wizard.blocker).toBeNull()
    expect(draft.session.intendedPlatform).toBe('cloudflare')
  })

  it('asks the platform the user named whether it holds the zone too, when the DNS is elsewhere', async () => {
    api['dns:delegation'] = vi.fn(async ({ domain, platform }: { domain: string; platform?: string }) => ({
      ...delegationSummary(domain),
      atPlatform: platform ? { platform, nameservers: ['ns1.huaweicloud-dns.com'], zoneFound: true } : null
    }))
    await delegation.lookUp('example.com')
    expect(delegation.atPlatform).toBeNull()
    delegation.choosePlatform('cloudflare') // the one serving: nothing to ask
    expect(api['dns:delegation']).toHaveBeenCalledTimes(1)
    delegation.choosePlatform('huaweicloud')
    await vi.waitFor(() => expect(delegation.atPlatform).not.toBeNull())
    expect(api['dns:delegation']).toHaveBeenLastCalledWith({ domain: 'example.com', platform: 'huaweicloud' })
    expect(delegation.atPlatform).toEqual({ platform: 'huaweicloud', nameservers: ['ns1.huaweicloud-dns.com'], zoneFound: true })
    // Another answer to the question: the old platform's answer is not shown for it.
    delegation.choosePlatform(UNKNOWN_PLATFORM)
    expect(delegation.atPlatform).toBeNull()
    // A resumed session names its platform up front: one lookup asks both.
    delegation.reset('huaweicloud')
    await delegation.lookUp('example.com')
    expect(api['dns:delegation']).toHaveBeenLastCalledWith({ domain: 'example.com', platform: 'huaweicloud' })
    expect(delegation.atPlatform?.zoneFound).toBe(true)
  })

  it('takes "I don\'t know" as the platform that really hosts the DNS', async () => {
    await delegation.lookUp('example.com')
    delegation.choosePlatform(UNKNOWN_PLATFORM)
    expect(delegation.mismatch).toBe(false)
    expect(draft.session.intendedPlatform).toBe('cloudflare')
  })

  it('blocks on a domain that is not found, and on editing the domain after the lookup', async () => {
    api['dns:delegation'] = async ({ domain }) => ({ ...delegationSummary(domain), zone: null, nameservers: [], provider: null, problem: 'not_found' })
    const wizard = useWizardStore()
    await delegation.lookUp('nowhere.example')
    expect(wizard.blocker).toBe('domainNotFound')
    draft.setDomain('other.example')
    expect(delegation.summary).toBeNull()
    expect(wizard.blocker).toBe('lookupFirst')
  })

  it('puts an api error at the domain field', async () => {
    api['dns:delegation'] = async () => {
      throw ApiError.of('bad_input', 'domain.ip', { text: '192.0.2.1' }, 'domains.0')
    }
    await delegation.lookUp('example.com')
    expect(draft.errors).toEqual({ domain: expect.objectContaining({ messageId: 'domain.ip', params: { text: '192.0.2.1' } }) })
  })
})

describe('useWizardStore, steps 2 to 5', () => {
  async function atStep2() {
    const wizard = useWizardStore()
    await delegation.lookUp('www.example.com')
    delegation.choosePlatform('cloudflare')
    await wizard.next()
    return wizard
  }

  it('moves on, starts the order with one record for the domain, and saves the session at each step', async () => {
    const wizard = await atStep2()
    expect(wizard.step).toBe(2)
    expect(draft.session.records).toEqual([{ domain: 'www.example.com', host: '', type: 'TXT', value: '' }])
    expect(api.saved).toHaveLength(1)
    expect(useSessionsStore().sessions[0]?.id).toBe(draft.session.id)
    expect(wizard.blocker).toBe('needHost')
    draft.updateRecord(0, { host: '_dnsauth', value: 'token' })
    expect(wizard.blocker).toBeNull()
    expect(wizard.placements).toEqual([
      {
        certificateDomain: 'www.example.com',
        baseDomain: 'example.com',
        name: '_dnsauth.example.com',
        zone: 'example.com',
        relativeHost: '_dnsauth',
        index: 0,
        host: '_dnsauth',
        type: 'TXT',
        value: 'token'
      }
    ])
  })

  it('gives the order the rows its certificate kind usually has, keeping each row\'s own host and value', async () => {
    await atStep2()
    draft.updateRecord(0, { host: '_dnsauth', value: 'token' })
    draft.setCertificateKind('wildcard')
    expect(draft.session.records).toEqual([{ domain: '*.example.com', host: '_dnsauth', type: 'TXT', value: 'token' }])
    draft.setCertificateKind('multi')
    expect(draft.session.records.map((r) => r.domain)).toEqual(['*.example.com', 'www.example.com'])
    // One value for the whole order so far: the new row takes it, to be changed where the CA gave another.
    expect(draft.session.records[1]).toEqual({ domain: 'www.example.com', host: '_dnsauth', type: 'TXT', value: 'token' })
    draft.updateRecord(1, { host: '_dnsauth.www', value: 'other' })
    expect(draft.addRecord()).toBe(2)
    // Values differ between rows: a new row's value stays empty rather than a guess, and the step waits for it.
    expect(draft.session.records[2]).toEqual({ domain: '', host: '_dnsauth', type: 'TXT', value: '' })
    expect(useWizardStore().blocker).toBe('needDomains')
    draft.updateRecord(2, { domain: 'shop.example.com' })
    expect(useWizardStore().blocker).toBe('needValue')
    draft.removeRecord(2)
    expect(useWizardStore().blocker).toBeNull()
    draft.setCertificateKind('single')
    expect(draft.session.records).toEqual([{ domain: 'www.example.com', host: '_dnsauth.www', type: 'TXT', value: 'other' }])
  })

  it('takes several records from a paste as the rows, and one as the fields of every row', async () => {
    await atStep2()
    draft.fillFromPaste([
      { domain: 'example.com', host: '_dnsauth', type: 'TXT', value: 'a' },
      { domain: 'shop.example.com', host: '_dnsauth.shop.example.com', type: 'TXT', value: 'b' }
    ])
    expect(draft.session.certificateKind).toBe('multi')
    expect(useWizardStore().placements.map((p) => [p.certificateDomain, p.name, p.relativeHost, p.value])).toEqual([
      ['example.com', '_dnsauth.example.com', '_dnsauth', 'a'],
      ['shop.example.com', '_dnsauth.shop.example.com', '_dnsauth.shop', 'b']
    ])
    // A single-record text (no domain in it) fills every row, as a CA with one value per order means.
    draft.fillFromPaste([{ domain: null, host: '_dnsauth', type: 'TXT', value: 'same' }])
    expect(draft.session.records.map((r) => r.value)).toEqual(['same', 'same'])
    // One naming a domain of the order fills that row only.
    draft.fillFromPaste([{ domain: 'shop.example.com', host: null, type: null, value: 'b2' }])
    expect(draft.session.records.map((r) => r.value)).toEqual(['same', 'b2'])
    // A wildcard and its apex at one name: a wildcard order.
    draft.fillFromPaste([
      { domain: 'example.com', host: '_acme-challenge.example.com', type: 'TXT', value: 'x' },
      { domain: '*.example.com', host: '_acme-challenge.example.com', type: 'TXT', value: 'y' }
    ])
    expect(draft.session.certificateKind).toBe('wildcard')
  })

  it('builds the diagnosis input from the records and the settings', async () => {
    await atStep2()
    await useSettingsStore().load()
    draft.updateRecord(0, { host: ' _dnsauth ', value: ' token ' })
    draft.setCa('digicert')
    expect(check.diagnoseInput).toEqual({
      records: [{ domain: 'www.example.com', host: '_dnsauth', type: 'TXT', value: 'token' }],
      ca: 'digicert',
      platform: 'cloudflare',
      resolvers: ['127.70.53.1'], // lab roots: only the user's own resolvers, public ones cannot see the lab
      roots: ['127.70.0.1'],
      timeoutMs: 1500
    })
  })

  it('shows an error at the cell it names, and clears only that one when the cell is edited', async () => {
    await atStep2()
    draft.setCertificateKind('multi')
    draft.setError('records.1.value', { messageId: 'value.empty', params: {}, message: 'The record value is empty.' })
    draft.setError('records.0.host', { messageId: 'host.empty', params: {}, message: 'The host record is empty.' })
    draft.updateRecord(1, { value: 'token' })
    expect(Object.keys(draft.errors)).toEqual(['records.0.host'])
    // Rows move when one is removed: errors by index no longer fit.
    draft.removeRecord(1)
    expect(draft.errors).toEqual({})
  })

  it('starts the watch, keeps the reports it pushes for this session only, and stops it on leaving step 4', async () => {
    const wizard = await atStep2()
    draft.updateRecord(0, { host: '_dnsauth', value: 'token' })
    await wizard.goTo(4)
    await check.startWatch()
    expect(api['watch:start']).toHaveBeenCalledWith(expect.objectContaining({ sessionId: draft.session.id, intervalSeconds: 30 }))
    expect(check.checking).toBe(true)
    expect(wizard.blocker).toBe('needCheck')

    api.emitProgress({ sessionId: 'someone-else', phase: 'done', progress: 1, report: QUOTED_REPORT, nextCheckAt: null, error: null })
    expect(check.report).toBeNull()

    api.emitProgress({ sessionId: draft.session.id, phase: 'checking', progress: 0.5, report: null, nextCheckAt: null, error: null })
    expect(check.progress?.progress).toBe(0.5)
    api.emitProgress({ sessionId: draft.session.id, phase: 'done', progress: 1, report: QUOTED_REPORT, nextCheckAt: '2030-01-01T00:00:00Z', error: null })
    expect(check.checking).toBe(false)
    expect(check.verdict).toBe('action_needed')
    expect(draft.session.lastVerdict).toBe('action_needed')
    expect(wizard.blocker).toBeNull()

    await wizard.next()
    expect(api['watch:stop']).toHaveBeenCalledWith({ sessionId: draft.session.id })
    expect(wizard.step).toBe(5)
  })

  it('a queued check (other checks go first) still counts as checking and keeps the watch on', async () => {
    const wizard = await atStep2()
    draft.updateRecord(0, { host: '_dnsauth', value: 'token' })
    await wizard.goTo(4)
    await check.startWatch()
    api.emitProgress({ sessionId: draft.session.id, phase: 'queued', progress: 0, report: null, nextCheckAt: null, error: null })
    expect(check.checking).toBe(true)
    expect(check.autoCheck).toBe(true)
    expect(check.progress?.phase).toBe('queued')
    api.emitProgress({ sessionId: draft.session.id, phase: 'checking', progress: 0.2, report: null, nextCheckAt: null, error: null })
    expect(check.checking).toBe(true)
  })

  it('falls back to one diagnosis when the watch cannot start, and puts input errors at their field', async () => {
    await atStep2()
    api['watch:start'] = async () => {
      throw ApiError.of('internal', 'api.internal', { detail: 'no watch here' })
    }
    await check.startWatch()
    expect(check.report).toEqual(OK_REPORT)
    expect(check.checking).toBe(false)

    api['watch:start'] = async () => {
      throw ApiError.of('bad_input', 'host.empty', {}, 'records.0.host')
    }
    await check.startWatch()
    expect(draft.errors['records.0.host']?.messageId).toBe('host.empty')
    expect(draft.errors['check']?.message).toBe('The host record is empty. Copy it from the CA, for example _dnsauth.')
    draft.updateRecord(0, { host: '_dnsauth' })
    expect(draft.errors['records.0.host']).toBeUndefined()
  })

  it('resumes a saved session where it was left', async () => {
    const wizard = await atStep2()
    draft.updateRecord(0, { host: '_dnsauth', value: 'token' })
    await wizard.goTo(3)
    const saved = { ...api.saved[0]! }
    wizard.start()
    expect(wizard.step).toBe(1)
    await wizard.resume(saved)
    expect(wizard.step).toBe(3)
    expect(draft.session.records[0]?.host).toBe('_dnsauth')
    expect(delegation.summary?.zone).toBe('example.com')
    expect(delegation.saidPlatform).toBe('cloudflare')
  })
})

describe('useSettingsStore', () => {
  it('loads the settings and derives the diagnosis options', async () => {
    const settings = useSettingsStore()
    await settings.load()
    expect(settings.settings.customResolvers).toEqual(['127.70.53.1'])
    expect(settings.diagnoseOptions).toEqual({ resolvers: ['127.70.53.1'], roots: ['127.70.0.1'], timeoutMs: 1500 })
  })

  it('keeps the previous settings and shows the error at its field when a save is rejected', async () => {
    const settings = useSettingsStore()
    await settings.load()
    api['settings:set'] = async () => {
      throw ApiError.of('bad_input', 'server.notIp', { input: 'nope' }, 'customResolvers.1')
    }
    expect(await settings.update({ customResolvers: ['127.70.53.1', 'nope'] })).toBe(false)
    expect(settings.settings.customResolvers).toEqual(['127.70.53.1'])
    expect(settings.errors).toEqual({ 'customResolvers.1': expect.objectContaining({ messageId: 'server.notIp' }) })
  })

  it('switches the UI language with the setting', async () => {
    const { i18n } = await import('../../../src/renderer/src/i18n')
    const settings = useSettingsStore()
    await settings.update({ locale: 'zh-CN' })
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    await settings.update({ locale: 'en' })
  })
})

describe('useStoreProblemsStore', () => {
  it('keeps each file set aside that the main process tells, until dismissed', async () => {
    const problems = useStoreProblemsStore()
    const lost = { kind: 'session' as const, file: '/data/sessions/a.json', movedTo: '/data/sessions/a.json.corrupt-1', reason: 'not JSON' }
    api['store:problems'] = vi.fn().mockResolvedValueOnce([lost]).mockResolvedValueOnce([]).mockRejectedValueOnce(new Error('gone'))
    await problems.fetch()
    await problems.fetch()
    await problems.fetch()
    expect(problems.problems).toEqual([lost])
    problems.dismiss(0)
    expect(problems.problems).toEqual([])
  })
})

describe('useSessionsStore', () => {
  it('lists newest first, saves by id and deletes', async () => {
    const sessions = useSessionsStore()
    const base = { ...useDraftStore().session }
    await sessions.save({ ...base, id: 'a', domain: 'a.example' })
    await new Promise((resolve) => setTimeout(resolve, 5))
    await sessions.save({ ...base, id: 'b', domain: 'b.example' })
    expect(sessions.sessions.map((s) => s.id)).toEqual(['b', 'a'])
    await sessions.save({ ...base, id: 'a', domain: 'a2.example' })
    expect(sessions.sessions.map((s) => s.domain)).toEqual(['a2.example', 'b.example'])
    await sessions.remove('b')
    await sessions.load()
    expect(sessions.sessions.map((s) => s.id)).toEqual(['a'])
  })
})
