// @vitest-environment happy-dom
import { createFinding } from '@shared/findings'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setApi } from '../../../src/renderer/src/api'
import CopyButton from '../../../src/renderer/src/components/CopyButton.vue'
import FindingCard from '../../../src/renderer/src/components/FindingCard.vue'
import { i18n, loadLocaleMessages } from '../../../src/renderer/src/i18n'
import Step1Procedure from '../../../src/renderer/src/steps/Step1Procedure.vue'
import Step2Information from '../../../src/renderer/src/steps/Step2Information.vue'
import Step3AddRecord from '../../../src/renderer/src/steps/Step3AddRecord.vue'
import Step5Result from '../../../src/renderer/src/steps/Step5Result.vue'
import { useCatalogStore } from '../../../src/renderer/src/stores/catalog'
import { useDelegationStore } from '../../../src/renderer/src/stores/delegation'
import { useDraftStore } from '../../../src/renderer/src/stores/draft'
import { useWizardStore } from '../../../src/renderer/src/stores/wizard'
import { createFakeApi, delegation, OK_REPORT, QUOTED_REPORT, type FakeApi } from '../../support/renderer/fake-api'
import { createTestPinia, flush, mountInApp } from '../../support/renderer/mount'

let api: FakeApi

beforeEach(() => {
  api = createFakeApi()
  setApi(api)
  i18n.global.locale.value = 'en'
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('FindingCard', () => {
  const quoted = createFinding('record.value_quoted', { name: '_dnsauth.example.com', found: '"token"' }, [
    { server: 'ns1.example.net', query: { name: '_dnsauth.example.com', type: 'TXT' }, rcode: 'NOERROR', records: ['"\\"token\\""'] }
  ])

  it('shows the title, the explanation with params, the fix as steps, and evidence on demand', async () => {
    const wrapper = mountInApp(FindingCard, { props: { finding: quoted } })
    expect(wrapper.find('h3').text()).toBe('The value has extra quote marks')
    expect(wrapper.text()).toContain('The record at _dnsauth.example.com is stored as "token"')
    expect(wrapper.findAll('.finding__fix li').map((li) => li.text())[0]).toBe('Edit the record at _dnsauth.example.com.')
    const toggle = wrapper.find('button[aria-expanded]')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(wrapper.find('.finding__evidence-list').isVisible()).toBe(false)
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(wrapper.find('.finding__evidence-list').text()).toContain('ns1.example.net')
  })

  it('speaks Chinese when the locale is zh-CN', async () => {
    i18n.global.locale.value = 'zh-CN'
    await loadLocaleMessages('zh-CN') // every locale but English is a chunk of its own
    const wrapper = mountInApp(FindingCard, { props: { finding: quoted } })
    expect(wrapper.find('h3').text()).toMatch(/[\u4e00-\u9fff]/)
    expect(wrapper.find('h3').text()).not.toBe('The value has extra quote marks')
  })

  it('adds the sentence for the finding\'s case after the explanation', () => {
    const wrongName = createFinding('record.wrong_name', {
      expectedName: '_dnsauth.example.com',
      foundName: '_dnsauth.example.com.example.com',
      hint: 'zone_doubled',
      host: '_dnsauth'
    })
    const wrapper = mountInApp(FindingCard, { props: { finding: wrongName } })
    expect(wrapper.text()).toContain('typing the full name made the domain appear twice')
    expect(wrapper.text()).toContain('In the host field, type exactly: _dnsauth')
  })
})

describe('CopyButton', () => {
  it('copies its value with one click and says what it copies', async () => {
    const writeText = vi.fn(async () => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const wrapper = mountInApp(CopyButton, { props: { value: '_dnsauth', label: 'Host' } })
    const button = wrapper.find('button')
    expect(button.attributes('aria-label')).toBe('Copy Host')
    await button.trigger('click')
    await flush()
    expect(writeText).toHaveBeenCalledWith('_dnsauth')
  })
})

describe('Step 1', () => {
  it('looks the domain up, names the platform, and asks for an explicit choice when it differs', async () => {
    const pinia = createTestPinia()
    await useCatalogStore().load()
    const wrapper = mountInApp(Step1Procedure, { pinia })
    await wrapper.find('#domain-input').setValue('example.com')
    await wrapper.find('form').trigger('submit')
    await flush()
    expect(wrapper.find('[data-testid="delegation"]').text()).toContain("Your domain's DNS is managed by Cloudflare")
    expect(wrapper.text()).toContain('ns1.example.net')
    const primary = wrapper.find('[data-testid="primary-action"]')
    expect(primary.attributes('disabled')).toBeDefined()
    expect(wrapper.find('#step-blocked-reason').text()).toBe('Tell us where you planned to add the record.')

    useDelegationStore().choosePlatform('huaweicloud')
    await flush()
    expect(wrapper.find('[data-testid="platform-mismatch"]').text()).toContain('Your DNS is at Cloudflare, not Huawei Cloud DNS')
    expect(wrapper.findAll('input[name="platform-decision"]')).toHaveLength(2)
    expect(primary.attributes('disabled')).toBeDefined()

    useDelegationStore().decide('add_at_dns_host')
    await flush()
    expect(primary.attributes('disabled')).toBeUndefined()
  })

  it('explains a domain that is not in DNS', async () => {
    api['dns:delegation'] = async ({ domain }) => ({ domain, zone: null, nameservers: [], provider: null, problem: 'not_found' })
    const wrapper = mountInApp(Step1Procedure)
    await wrapper.find('#domain-input').setValue('nowhere.example')
    await wrapper.find('form').trigger('submit')
    await flush()
    expect(wrapper.find('[data-testid="domain-not-found"]').text()).toContain('Your domain cannot be found in DNS')
    expect(wrapper.text()).toContain('Check the spelling of nowhere.example.')
  })

  it('shows a bad domain at the field', async () => {
    const wrapper = mountInApp(Step1Procedure)
    await wrapper.find('#domain-input').setValue('exa mple.com')
    await wrapper.find('form').trigger('submit')
    await flush()
    expect(wrapper.find('#domain-input').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#domain-error').text()).toBeTruthy()
  })
})

describe('Step 2', () => {
  it('fills host, type and value from pasted CA text and shows where the record goes', async () => {
    const pinia = createTestPinia()
    const wizard = useWizardStore()
    await useDelegationStore().lookUp('example.com')
    useDelegationStore().choosePlatform('cloudflare')
    await wizard.next()
    const wrapper = mountInApp(Step2Information, { pinia })
    await wrapper.find('#paste-box').setValue('主机记录：_dnsauth 记录类型：TXT 记录值：2024abc')
    await wrapper.find('[data-testid="paste-fill"]').trigger('click')
    await flush()
    expect(useDraftStore().session.host).toBe('_dnsauth')
    expect(useDraftStore().session.value).toBe('2024abc')
    expect((wrapper.find('#host-input').element as HTMLInputElement).value).toBe('_dnsauth')
    expect(wrapper.find('[data-testid="paste-result"]').text()).toContain('filled in')
    expect(wrapper.find('[data-testid="placements"]').text()).toContain('_dnsauth.example.com')
  })
})

describe('Step 3', () => {
  async function atStep3(platform: string) {
    const pinia = createTestPinia()
    api['dns:delegation'] = async ({ domain }) => delegation(domain, platform)
    await useCatalogStore().load()
    const wizard = useWizardStore()
    await useDelegationStore().lookUp('example.com')
    useDelegationStore().choosePlatform(platform)
    await wizard.next()
    useDraftStore().setRecord({ host: '_dnsauth', value: 'token' })
    await wizard.next()
    return mountInApp(Step3AddRecord, { pinia })
  }

  it('uses the platform\'s host field, TTL and quotes', async () => {
    const huawei = await atStep3('huaweicloud')
    expect(huawei.find('[data-testid="field-value"]').text()).toContain('"token"')
    expect(huawei.find('[data-testid="field-ttl"]').text()).toContain('300')
    expect(huawei.find('[data-testid="min-ttl-note"]').exists()).toBe(false)
    expect(huawei.find('[data-testid="leftover-warning"]').exists()).toBe(true)

    const alibaba = await atStep3('alibaba')
    expect(alibaba.find('[data-testid="field-ttl"] .copy-field__value').text()).toBe('600')
    expect(alibaba.find('[data-testid="min-ttl-note"]').text()).toContain('600 seconds')
    expect(alibaba.find('[data-testid="field-value"] .copy-field__value').text()).toBe('token')

    const route53 = await atStep3('route53')
    expect(route53.find('[data-testid="field-host"] .copy-field__value').text()).toBe('_dnsauth.example.com')

    const cloudflare = await atStep3('cloudflare')
    expect(cloudflare.find('[data-testid="field-host"] .copy-field__value').text()).toBe('_dnsauth')
    expect(cloudflare.find('[data-testid="console-link"]').attributes('href')).toBe('https://dash.cloudflare.com/')
  })
})

describe('Step 5', () => {
  it('is green only when the verdict is verified', async () => {
    const pinia = createTestPinia()
    useDraftStore().session.lastReport = QUOTED_REPORT
    const blocked = mountInApp(Step5Result, { pinia })
    expect(blocked.find('[data-testid="readiness-gate"]').attributes('data-ready')).toBe('false')
    expect(blocked.find('[data-check="authoritative"]').attributes('data-passed')).toBe('false')
    blocked.unmount()

    useDraftStore().session.lastReport = OK_REPORT
    const ready = mountInApp(Step5Result, { pinia })
    expect(ready.find('[data-testid="readiness-gate"]').attributes('data-ready')).toBe('true')
    expect(ready.text()).toContain('DNS verification failed')
    expect(ready.find('[data-testid="cleanup"]').exists()).toBe(true)
  })
})

describe('NativeSelect', () => {
  it('is a labelled native select that reports the chosen value, null for the placeholder', async () => {
    const { default: NativeSelect } = await import('../../../src/renderer/src/components/NativeSelect.vue')
    const { defineComponent, h, ref } = await import('vue')
    const chosen = ref<string | null>(null)
    const Host = defineComponent({
      setup: () => () =>
        h('div', [
          h('label', { for: 'pick' }, 'Platform'),
          h(NativeSelect, {
            id: 'pick',
            modelValue: chosen.value,
            'onUpdate:modelValue': (v: string | null) => (chosen.value = v),
            placeholder: 'Choose',
            options: [
              { label: 'A', value: 'a' },
              { label: 'B', value: 'b' }
            ]
          })
        ])
    })
    const wrapper = mountInApp(Host)
    const select = wrapper.find('select#pick')
    expect(select.findAll('option').map((o) => o.text())).toEqual(['Choose', 'A', 'B'])
    await select.setValue('b')
    expect(chosen.value).toBe('b')
  })
})

describe('SettingsDrawer', () => {
  it('checks a custom resolver before saving it, and saves a good one', async () => {
    const { default: SettingsDrawer } = await import('../../../src/renderer/src/components/SettingsDrawer.vue')
    const { useSettingsStore } = await import('../../../src/renderer/src/stores/settings')
    const pinia = createTestPinia()
    await useSettingsStore().load()
    mountInApp(SettingsDrawer, { pinia, props: { show: true } })
    await flush()
    const input = document.querySelector<HTMLInputElement>('#custom-resolver')!
    expect(input).not.toBeNull()
    input.value = 'dns.example'
    input.dispatchEvent(new Event('input'))
    await flush()
    input.closest('form')!.dispatchEvent(new Event('submit'))
    await flush()
    expect(document.querySelector('#custom-resolver-error')!.textContent).toContain('not an IP address')
    expect(api['settings:set']).not.toHaveBeenCalled()

    input.value = '192.0.2.53:5353'
    input.dispatchEvent(new Event('input'))
    await flush()
    input.closest('form')!.dispatchEvent(new Event('submit'))
    await flush()
    expect(api['settings:set']).toHaveBeenCalledWith(expect.objectContaining({ customResolvers: ['127.70.53.1', '192.0.2.53:5353'] }))
    expect(document.querySelector('[role="dialog"]')!.getAttribute('aria-label')).toBe('Settings')
  })
})
