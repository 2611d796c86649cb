// @vitest-environment happy-dom
import { ApiError } from '@shared/api-result'
import { beforeEach, describe, expect, it } from 'vitest'
import { setApi } from '../../../src/renderer/src/api'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessions'
import { useSettingsStore } from '../../../src/renderer/src/stores/settings'
import { UNKNOWN_PLATFORM, useWizardStore } from '../../../src/renderer/src/stores/wizard'
import { createFakeApi, delegation, OK_REPORT, QUOTED_REPORT, type FakeApi } from './fake-api'
import { createTestPinia } from './mount'

let api: FakeApi

beforeEach(() => {
  createTestPinia()
  api = createFakeApi()
  setApi(api)
})

describe('useWizardStore, step 1', () => {
  it('asks for a lookup, then a platform, before it lets the user continue', async () => {
    const wizard = useWizardStore()
    expect(wizard.blocker).toBe('lookupFirst')
    await wizard.lookUpDelegation('https://Example.com/shop')
    expect(api['dns:delegation']).toHaveBeenCalledWith({ domain: 'example.com' })
    expect(wizard.session.domain).toBe('example.com')
    expect(wizard.blocker).toBe('choosePlatform')
    wizard.choosePlatform('cloudflare')
    expect(wizard.blocker).toBeNull()
    expect(wizard.session.intendedPlatform).toBe('cloudflare')
  })

  it('shows a local error for something that is not a domain, without asking DNS', async () => {
    const wizard = useWizardStore()
    await wizard.lookUpDelegation('not a domain')
    expect(wizard.errors['domain']).toBe('ui.errors.domainInvalid')
    expect(api['dns:delegation']).not.toHaveBeenCalled()
  })

  it('never lets the user continue blind when the DNS is elsewhere: an explicit choice is required', async () => {
    const wizard = useWizardStore()
    await wizard.lookUpDelegation('example.com')
    wizard.choosePlatform('huaweicloud')
    expect(wizard.platformMismatch).toBe(true)
    expect(wizard.blocker).toBe('decidePlatform')
    wizard.decidePlatform('move_dns')
    expect(wizard.blocker).toBe('movingDns')
    wizard.decidePlatform('add_at_dns_host')
    expect(wizard.blocker).toBeNull()
    expect(wizard.session.intendedPlatform).toBe('cloudflare')
  })

  it('takes "I don\'t know" as the platform that really hosts the DNS', async () => {
    const wizard = useWizardStore()
    await wizard.lookUpDelegation('example.com')
    wizard.choosePlatform(UNKNOWN_PLATFORM)
    expect(wizard.platformMismatch).toBe(false)
    expect(wizard.session.intendedPlatform).toBe('cloudflare')
  })

  it('blocks on a domain that is not found, and on editing the domain after the lookup', async () => {
    api['dns:delegation'] = async ({ domain }) => ({ ...delegation(domain), zone: null, nameservers: [], provider: null, problem: 'not_found' })
    const wizard = useWizardStore()
    await wizard.lookUpDelegation('nowhere.example')
    expect(wizard.blocker).toBe('domainNotFound')
    wizard.setDomain('other.example')
    expect(wizard.delegation).toBeNull()
    expect(wizard.blocker).toBe('lookupFirst')
  })

  it('puts an api error at the domain field', async () => {
    api['dns:delegation'] = async () => {
      throw new ApiError({ code: 'bad_input', message: 'That is an IP address.', field: 'domains.0' })
    }
    const wizard = useWizardStore()
    await wizard.lookUpDelegation('example.com')
    expect(wizard.errors).toEqual({ domain: 'That is an IP address.' })
  })
})

describe('useWizardStore, steps 2 to 5', () => {
  async function atStep2() {
    const wizard = useWizardStore()
    await wizard.lookUpDelegation('www.example.com')
    wizard.choosePlatform('cloudflare')
    await wizard.next()
    return wizard
  }

  it('moves on, pre-fills the domain list and saves the session at each step', async () => {
    const wizard = await atStep2()
    expect(wizard.step).toBe(2)
    expect(wizard.session.domains).toEqual(['www.example.com'])
    expect(api.saved).toHaveLength(1)
    expect(useSessionsStore().sessions[0]?.id).toBe(wizard.session.id)
    expect(wizard.blocker).toBe('needHost')
    wizard.setRecord({ host: '_dnsauth', value: 'token' })
    expect(wizard.blocker).toBeNull()
    expect(wizard.placements).toEqual([
      { certificateDomain: 'www.example.com', baseDomain: 'example.com', name: '_dnsauth.example.com', relativeHost: '_dnsauth' }
    ])
  })

  it('fills the domain list by certificate kind', async () => {
    const wizard = await atStep2()
    wizard.setCertificateKind('wildcard')
    expect(wizard.session.domains).toEqual(['*.example.com'])
    wizard.setCertificateKind('multi')
    expect(wizard.session.domains).toEqual(['*.example.com', 'www.example.com'])
    wizard.setCertificateKind('single')
    expect(wizard.session.domains).toEqual(['www.example.com'])
  })

  it('builds the diagnosis input from the record and the settings', async () => {
    const wizard = await atStep2()
    await useSettingsStore().load()
    wizard.setRecord({ host: ' _dnsauth ', value: ' token ', ca: 'digicert' })
    expect(wizard.diagnoseInput).toEqual({
      domains: ['www.example.com'],
      host: '_dnsauth',
      type: 'TXT',
      value: 'token',
      ca: 'digicert',
      platform: 'cloudflare',
      resolvers: ['127.70.53.1'], // lab roots: only the user's own resolvers, public ones cannot see the lab
      roots: ['127.70.0.1'],
      timeoutMs: 1500
    })
  })

  it('starts the watch, keeps the reports it pushes for this session only, and stops it on leaving step 4', async () => {
    const wizard = await atStep2()
    wizard.setRecord({ host: '_dnsauth', value: 'token' })
    await wizard.goTo(4)
    await wizard.startWatch()
    expect(api['watch:start']).toHaveBeenCalledWith(expect.objectContaining({ sessionId: wizard.session.id, intervalSeconds: 30 }))
    expect(wizard.checking).toBe(true)
    expect(wizard.blocker).toBe('needCheck')

    api.emitProgress({ sessionId: 'someone-else', phase: 'done', progress: 1, report: QUOTED_REPORT, nextCheckAt: null, message: null })
    expect(wizard.report).toBeNull()

    api.emitProgress({ sessionId: wizard.session.id, phase: 'checking', progress: 0.5, report: null, nextCheckAt: null, message: null })
    expect(wizard.progress?.progress).toBe(0.5)
    api.emitProgress({ sessionId: wizard.session.id, phase: 'done', progress: 1, report: QUOTED_REPORT, nextCheckAt: '2030-01-01T00:00:00Z', message: null })
    expect(wizard.checking).toBe(false)
    expect(wizard.verdict).toBe('action_needed')
    expect(wizard.session.lastVerdict).toBe('action_needed')
    expect(wizard.blocker).toBeNull()

    await wizard.next()
    expect(api['watch:stop']).toHaveBeenCalledWith({ sessionId: wizard.session.id })
    expect(wizard.step).toBe(5)
  })

  it('a queued check (other checks go first) still counts as checking and keeps the watch on', async () => {
    const wizard = await atStep2()
    wizard.setRecord({ host: '_dnsauth', value: 'token' })
    await wizard.goTo(4)
    await wizard.startWatch()
    api.emitProgress({ sessionId: wizard.session.id, phase: 'queued', progress: 0, report: null, nextCheckAt: null, message: null })
    expect(wizard.checking).toBe(true)
    expect(wizard.autoCheck).toBe(true)
    expect(wizard.progress?.phase).toBe('queued')
    api.emitProgress({ sessionId: wizard.session.id, phase: 'checking', progress: 0.2, report: null, nextCheckAt: null, message: null })
    expect(wizard.checking).toBe(true)
  })

  it('falls back to one diagnosis when the watch cannot start, and puts input errors at their field', async () => {
    const wizard = await atStep2()
    api['watch:start'] = async () => {
      throw new ApiError({ code: 'internal', message: 'no watch here' })
    }
    await wizard.startWatch()
    expect(wizard.report).toEqual(OK_REPORT)
    expect(wizard.checking).toBe(false)

    api['watch:start'] = async () => {
      throw new ApiError({ code: 'bad_input', message: 'The host record is empty.', field: 'host' })
    }
    await wizard.startWatch()
    expect(wizard.errors['host']).toBe('The host record is empty.')
    expect(wizard.errors['check']).toBe('The host record is empty.')
    wizard.setRecord({ host: '_dnsauth' })
    expect(wizard.errors['host']).toBeUndefined()
  })

  it('resumes a saved session where it was left', async () => {
    const wizard = await atStep2()
    wizard.setRecord({ host: '_dnsauth', value: 'token' })
    await wizard.goTo(3)
    const saved = { ...api.saved[0]! }
    wizard.start()
    expect(wizard.step).toBe(1)
    await wizard.resume(saved)
    expect(wizard.step).toBe(3)
    expect(wizard.session.host).toBe('_dnsauth')
    expect(wizard.delegation?.zone).toBe('example.com')
    expect(wizard.saidPlatform).toBe('cloudflare')
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
      throw new ApiError({ code: 'bad_input', message: 'Not an address.', field: 'customResolvers.1' })
    }
    expect(await settings.update({ customResolvers: ['127.70.53.1', 'nope'] })).toBe(false)
    expect(settings.settings.customResolvers).toEqual(['127.70.53.1'])
    expect(settings.errors).toEqual({ 'customResolvers.1': 'Not an address.' })
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

describe('useSessionsStore', () => {
  it('lists newest first, saves by id and deletes', async () => {
    const sessions = useSessionsStore()
    const base = { ...useWizardStore().session }
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
