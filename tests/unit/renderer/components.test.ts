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
import { createFakeApi, delegation, OK_REPORT, QUOTED_REPORT, report, type FakeApi } from '../../support/renderer/fake-api'
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

  it('words the evidence of a wildcard answer and a timeout in the UI language, not the engine\'s English', async () => {
    i18n.global.locale.value = 'zh-CN'
    await loadLocaleMessages('zh-CN')
    const finding = createFinding('record.missing', { name: '_dnsauth.example.com', type: 'TXT', values: ['token'] }, [
      { server: 'ns1.example.net', rcode: 'NOERROR', records: ['v=spf1 -all'], note: 'answer synthesised from a wildcard (RFC 4592)', noteId: 'wildcard' },
      { server: 'ns2.example.net', rcode: 'timeout', elapsedMs: 4003.35, note: 'No answer within 4003.35 ms' }
    ])
    const wrapper = mountInApp(FindingCard, { props: { finding } })
    const evidence = wrapper.find('.finding__evidence-list').text()
    expect(evidence).toContain('泛解析记录（*）生成的回答')
    expect(evidence).not.toContain('synthesised')
    expect(evidence).toContain('响应码 无响应（超时）')
    expect(evidence).toContain('4003 毫秒')
    expect(evidence).toContain('响应码 NOERROR')
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

  it('a critical CAA record: names it and says to delete it, never to add the issue record already there', () => {
    const critical = createFinding('caa.blocks_ca', {
      domain: 'example.com',
      domains: ['example.com'],
      foundAt: 'example.com',
      ca: 'letsencrypt',
      caName: "Let's Encrypt",
      record: 'example.com. CAA 128 tbs "x"',
      tag: 'critical'
    })
    const wrapper = mountInApp(FindingCard, { props: { finding: critical } })
    expect(wrapper.text()).toContain('marked critical (flag 128)')
    expect(wrapper.text()).not.toContain('does not include')
    const steps = wrapper.findAll('.finding__fix li').map((li) => li.text())
    expect(steps[0]).toBe('In your DNS console, delete this CAA record at example.com: example.com. CAA 128 tbs "x". Keep the others.')
    expect(steps.join('\n')).not.toMatch(/\badd\b/)
  })

  it('no server of the zone answers: its case\'s fix comes first', () => {
    const lame = createFinding('delegation.no_server_answers', { zone: 'example.com', servers: ['ns1.example.net (192.0.2.1)'], reason: 'lame' })
    const wrapper = mountInApp(FindingCard, { props: { finding: lame } })
    expect(wrapper.find('h3').text()).toBe("No answer from your domain's DNS servers")
    expect(wrapper.text()).toContain('the verification will fail until they answer')
    expect(wrapper.findAll('.finding__fix li').map((li) => li.text())[0]).toMatch(/^Make sure your domain is added/)
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
    await vi.dynamicImportSettled() // the platform choice is a chunk of its own
    await flush()
    expect(wrapper.find('[data-testid="platform-mismatch"]').text()).toContain('Your DNS is at Cloudflare, not Huawei Cloud DNS')
    expect(wrapper.findAll('input[name="platform-decision"]')).toHaveLength(2)
    expect(primary.attributes('disabled')).toBeDefined()

    useDelegationStore().decide('add_at_dns_host')
    await flush()
    expect(primary.attributes('disabled')).toBeUndefined()
  })

  it('says plainly when the named platform holds the zone too, but the name servers point elsewhere', async () => {
    api['dns:delegation'] = async ({ domain, platform }) => ({
      ...delegation(domain),
      atPlatform: platform ? { platform, nameservers: ['ns1.huaweicloud-dns.com'], zoneFound: true } : null
    })
    const pinia = createTestPinia()
    await useCatalogStore().load()
    const wrapper = mountInApp(Step1Procedure, { pinia })
    await wrapper.find('#domain-input').setValue('example.com')
    await wrapper.find('form').trigger('submit')
    await flush()
    useDelegationStore().choosePlatform('huaweicloud')
    await vi.dynamicImportSettled() // the platform choice is a chunk of its own
    await flush()
    expect(wrapper.find('[data-testid="zone-at-platform"]').text()).toContain(
      'Your domain is also set up at Huawei Cloud DNS, but the name servers point to ns1.example.net, ns2.example.net: records you add at Huawei Cloud DNS will not be used.'
    )
  })

  it('explains a domain that is not in DNS', async () => {
    api['dns:delegation'] = async ({ domain }) => ({ domain, zone: null, nameservers: [], provider: null, problem: 'not_found', atPlatform: null })
    const wrapper = mountInApp(Step1Procedure)
    await wrapper.find('#domain-input').setValue('nowhere.example')
    await wrapper.find('form').trigger('submit')
    await flush()
    expect(wrapper.find('[data-testid="domain-not-found"]').text()).toContain('Your domain cannot be found in DNS')
    expect(wrapper.text()).toContain('Check the spelling of nowhere.example.')
  })

  it("says the domain's own DNS servers do not answer, without blaming the user's connection, and does not go on", async () => {
    api['dns:delegation'] = async ({ domain }) => ({ domain, zone: domain, nameservers: [], provider: null, problem: 'servers_silent', atPlatform: null })
    const wrapper = mountInApp(Step1Procedure)
    await wrapper.find('#domain-input').setValue('silent.example')
    await wrapper.find('form').trigger('submit')
    await flush()
    const alert = wrapper.find('[data-testid="servers-silent"]')
    expect(alert.text()).toContain("Your domain's DNS servers do not answer")
    expect(alert.text()).toContain('Your internet connection works')
    expect(alert.text()).toContain('its servers do not answer for silent.example')
    expect(wrapper.text()).not.toContain('Check your internet connection')
    expect(wrapper.find('[data-testid="delegation"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="primary-action"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('#step-blocked-reason').text()).toBe("Your domain's DNS servers must answer before you go on.")
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
    expect(useDraftStore().session.records).toEqual([{ domain: 'example.com', host: '_dnsauth', type: 'TXT', value: '2024abc' }])
    expect((wrapper.find('#host-input').element as HTMLInputElement).value).toBe('_dnsauth')
    expect(wrapper.find('[data-testid="paste-result"]').text()).toContain('filled in')
    expect(wrapper.find('[data-testid="placements"]').text()).toContain('_dnsauth.example.com')
    // One record: the simple form, no table of rows.
    expect(wrapper.find('[data-testid="record-table"]').exists()).toBe(false)
  })

  it('turns a multi-domain CA text into a row per domain, each cell editable, with where each goes', async () => {
    const pinia = createTestPinia()
    const wizard = useWizardStore()
    await useDelegationStore().lookUp('example.com')
    useDelegationStore().choosePlatform('cloudflare')
    await wizard.next()
    const wrapper = mountInApp(Step2Information, { pinia })
    await wrapper.find('#paste-box').setValue(
      '域名\t主机记录\t记录类型\t记录值\nexample.com\t_dnsauth\tTXT\tvalue-a\nshop.example.com\t_dnsauth.shop\tTXT\tvalue-b'
    )
    await wrapper.find('[data-testid="paste-fill"]').trigger('click')
    await flush()
    expect(wrapper.find('[data-testid="paste-result"]').text()).toBe('2 records found, one per domain. Check them below.')
    expect(wrapper.findAll('[data-testid="record-table"] tbody tr')).toHaveLength(2)
    expect((wrapper.find('#record-1-host').element as HTMLTextAreaElement).value).toBe('_dnsauth.shop')
    expect((wrapper.find('#record-1-value').element as HTMLTextAreaElement).value).toBe('value-b')
    expect(wrapper.find('#record-1-type').attributes('aria-label')).toBe('Record type for shop.example.com')
    const placements = wrapper.findAll('[data-testid="placements"] tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))
    expect(placements).toEqual([
      ['example.com', '_dnsauth.example.com', 'example.com', '_dnsauth'],
      ['shop.example.com', '_dnsauth.shop.example.com', 'example.com', '_dnsauth.shop']
    ])

    // An error the engine names for one cell shows under that cell only.
    useDraftStore().setError('records.1.value', { messageId: 'value.empty', params: {}, message: 'The record value is empty.' })
    await flush()
    expect(wrapper.find('#record-1-value').attributes('aria-invalid')).toBe('true')
    expect(wrapper.find('#record-1-value-error').text()).toContain('empty')
    expect(wrapper.find('#record-0-value').attributes('aria-invalid')).toBe('false')

    await wrapper.find('#record-0-domain').setValue('https://x')
    await flush()
    expect(wrapper.find('#record-0-domain-error').exists()).toBe(true)
    expect(wrapper.find('#step-blocked-reason').text()).toBe('Enter the certificate\'s domains (all of them valid).')

    await wrapper.find('[data-testid="add-record"]').trigger('click')
    await flush()
    expect(wrapper.findAll('[data-testid="record-table"] tbody tr')).toHaveLength(3)
    await wrapper.find('button[aria-label="Remove shop.example.com"]').trigger('click')
    await flush()
    expect(useDraftStore().session.records.map((r) => r.domain)).toEqual(['https://x', ''])
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
    useDraftStore().updateRecord(0, { host: '_dnsauth', value: 'token' })
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
    expect(cloudflare.find('[data-testid="several-values"]').exists()).toBe(false)
  })

  it('groups the records by name: two values at one host are two records, said the way the platform takes them', async () => {
    const huawei = await atStep3('huaweicloud')
    const draft = useDraftStore()
    draft.fillFromPaste([
      { domain: 'example.com', host: '_acme-challenge', type: 'TXT', value: 'apex-token' },
      { domain: '*.example.com', host: '_acme-challenge', type: 'TXT', value: 'wild-token' },
      { domain: 'shop.example.com', host: '_dnsauth.shop.example.com', type: 'TXT', value: 'shop-token' }
    ])
    await flush()
    const shared = huawei.find('[data-testid="record-_acme-challenge.example.com"]')
    expect(shared.find('h3').text()).toContain('for example.com, *.example.com')
    expect(shared.find('[data-testid="several-values"]').text()).toContain('keeps all TXT values of a name in one record')
    expect(shared.findAll('[data-testid="field-value"] .copy-field__value').map((v) => v.text())).toEqual(['"apex-token"', '"wild-token"'])
    expect(huawei.find('[data-testid="record-_dnsauth.shop.example.com"] [data-testid="field-host"] .copy-field__value').text()).toBe('_dnsauth.shop')
    expect(huawei.find('h2').text()).toBe('Sign in to Huawei Cloud DNS')
    expect(huawei.text()).toContain('Add these 2 records, one after the other')
    expect(huawei.find('[data-testid="leftover-warning"]').text()).toContain('_acme-challenge.example.com, _dnsauth.shop.example.com')

    const cloudflare = await atStep3('cloudflare')
    useDraftStore().fillFromPaste([
      { domain: 'example.com', host: '_acme-challenge', type: 'TXT', value: 'apex-token' },
      { domain: '*.example.com', host: '_acme-challenge', type: 'TXT', value: 'wild-token' }
    ])
    await flush()
    expect(cloudflare.find('[data-testid="several-values"]').text()).toContain('add a separate TXT record for each value')

    const unknown = await atStep3('generic')
    useDraftStore().fillFromPaste([
      { domain: 'example.com', host: '_acme-challenge', type: 'TXT', value: 'apex-token' },
      { domain: '*.example.com', host: '_acme-challenge', type: 'TXT', value: 'wild-token' }
    ])
    await flush()
    expect(unknown.find('[data-testid="several-values"]').text()).toContain('put each value on its own line in that one record instead')
  })
})

describe('Step 5', () => {
  it('shows a check that did not run as not checked, with why, and a CAA list to confirm in amber', async () => {
    const pinia = createTestPinia()
    // No resolver asked (empty observations), and a CAA list while no CA was chosen.
    useDraftStore().session.lastReport = {
      ...OK_REPORT,
      findings: [
        ...OK_REPORT.findings,
        createFinding('caa.restricts', { domain: 'example.com', domains: ['example.com'], foundAt: 'example.com', allowed: ['letsencrypt.org'], anyAllowed: true })
      ]
    }
    const wrapper = mountInApp(Step5Result, { pinia })
    const item = (check: string) => wrapper.find(`[data-check="${check}"]`)
    expect(item('authoritative').attributes('data-status')).toBe('passed')
    expect(item('authoritative').classes()).toContain('is-ok')
    expect(item('caches').attributes('data-status')).toBe('not_checked')
    expect(item('caches').attributes('data-passed')).toBe('false')
    expect(item('caches').classes()).toContain('is-unchecked')
    expect(item('caches').text()).toContain('Not checked: no resolver was asked')
    expect(item('caches').text()).not.toContain('passed')
    expect(item('caa').attributes('data-status')).toBe('attention')
    expect(item('caa').classes()).toContain('is-wait')
    expect(item('caa').text()).toContain('Only letsencrypt.org may issue: make sure that is your certificate authority')
    wrapper.unmount()

    i18n.global.locale.value = 'zh-CN'
    await loadLocaleMessages('zh-CN')
    useDraftStore().session.lastReport = report(
      [createFinding('delegation.no_server_answers', { zone: 'example.com', servers: ['ns1.example.com (192.0.2.1)'], reason: 'timeout' })]
    )
    const silent = mountInApp(Step5Result, { pinia })
    expect(silent.find('[data-check="caa"]').text()).toContain('未检查：DNS 服务器没有响应')
    expect(silent.find('[data-check="caches"]').text()).toContain('未检查：未查询任何解析服务')
    expect(silent.find('[data-check="authoritative"]').attributes('data-status')).toBe('blocked')
  })

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
    expect(ready.find('[data-testid="gate-records"] li').attributes('data-passed')).toBe('true')
    expect(ready.find('[data-testid="gate-records"]').text()).toContain('_dnsauth.example.com')
    expect(ready.find('[data-testid="cleanup"]').text()).toContain('Delete it in your DNS console')
    ready.unmount()

    // Several records: every name in the gate and in the clean-up reminder, each with its own state.
    const records = ['example.com', '*.example.com', 'shop.example.com'].map((domain, i) => ({
      ...OK_REPORT.records[0]!,
      certificateDomain: domain,
      name: i === 2 ? '_dnsauth.shop.example.com' : '_acme-challenge.example.com',
      verdict: i === 2 ? ('action_needed' as const) : ('verified' as const)
    }))
    useDraftStore().session.lastReport = { ...QUOTED_REPORT, records }
    const several = mountInApp(Step5Result, { pinia })
    const gate = several.findAll('[data-testid="gate-records"] li')
    expect(gate.map((li) => [li.find('.mono').text(), li.attributes('data-passed')])).toEqual([
      ['_acme-challenge.example.com', 'true'],
      ['_dnsauth.shop.example.com', 'false']
    ])
    expect(gate[0]!.text()).toContain('for example.com, *.example.com')
    expect(several.find('[data-testid="cleanup"]').text()).toContain('After the certificate is issued, delete the records')
    expect(several.findAll('[data-testid="cleanup"] .copy-field__value').map((v) => v.text())).toEqual([
      '_acme-challenge.example.com',
      '_dnsauth.shop.example.com'
    ])
    // Each with its type and value: a name like the apex holds other records (SPF) that must stay.
    const cleanup = several.findAll('[data-testid="cleanup-record"]').map((r) => r.text())
    expect(cleanup[0]).toContain(`The TXT record with the host ${OK_REPORT.records[0]!.relativeHost} and the value ${OK_REPORT.records[0]!.value}`)
    expect(several.find('[data-testid="cleanup"]').text()).toContain('Delete only those records: other records at the same names')
  })
})

describe('Step 4 with several records', () => {
  const records = ['example.com', 'shop.example.com'].map((domain, i) => ({
    certificateDomain: domain,
    baseDomain: domain,
    name: `_dnsauth.${domain}`,
    zone: 'example.com',
    relativeHost: i === 0 ? '_dnsauth' : '_dnsauth.shop',
    host: '_dnsauth',
    type: 'TXT' as const,
    value: `token-${i}`,
    verdict: i === 0 ? ('verified' as const) : ('action_needed' as const),
    findings: [i]
  }))

  it('shows one status per record: the domain, its record name, its value and its own verdict', async () => {
    const { default: RecordStatusList } = await import('../../../src/renderer/src/components/RecordStatusList.vue')
    const wrapper = mountInApp(RecordStatusList, { props: { records } })
    const rows = wrapper.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['example.com', '_dnsauth.example.com', 'token-0', 'Verified'],
      ['shop.example.com', '_dnsauth.shop.example.com', 'token-1', 'Action needed']
    ])
  })

  it('names the domains a finding is about when it is about some records only', async () => {
    const { default: FindingList } = await import('../../../src/renderer/src/components/FindingList.vue')
    const findings = [
      { ...createFinding('record.ok', { name: '_dnsauth.example.com', type: 'TXT', servers: 2 }), records: [0] },
      { ...createFinding('record.missing', { name: '_dnsauth.shop.example.com', type: 'TXT', values: ['token-1'] }), records: [1] },
      createFinding('delegation.provider', { provider: 'cloudflare', providerName: 'Cloudflare', nameservers: ['ns1.example.net'] })
    ]
    const wrapper = mountInApp(FindingList, { props: { findings, records } })
    expect(wrapper.find('[data-finding="record.missing"] [data-testid="finding-about"]').text()).toBe('For shop.example.com')
    expect(wrapper.find('[data-finding="record.ok"] [data-testid="finding-about"]').text()).toBe('For example.com')
    expect(wrapper.find('[data-finding="delegation.provider"] [data-testid="finding-about"]').exists()).toBe(false)
  })

  it('reads each table row against every value expected at its name', async () => {
    const { default: AuthoritativeTable } = await import('../../../src/renderer/src/components/AuthoritativeTable.vue')
    const row = (name: string, values: string[]) => ({
      name,
      type: 'TXT' as const,
      zone: 'example.com',
      server: 'ns1.example.net',
      address: '192.0.2.1',
      status: 'ok' as const,
      rcode: 'NOERROR',
      authoritative: true,
      values,
      records: [],
      cname: null,
      otherValues: [],
      ttl: 300,
      soaSerial: 1,
      negativeTtl: null,
      transport: 'udp' as const,
      elapsedMs: 1,
      ignoredReplies: 0
    })
    const acme = [
      { name: '_acme-challenge.example.com', type: 'TXT' as const, value: 'apex' },
      { name: '_acme-challenge.example.com', type: 'TXT' as const, value: 'wild' },
      { name: '_dnsauth.shop.example.com', type: 'TXT' as const, value: 'shop' }
    ]
    const wrapper = mountInApp(AuthoritativeTable, {
      props: {
        rows: [row('_acme-challenge.example.com', ['apex', 'wild']), row('_dnsauth.shop.example.com', ['apex'])],
        pendingServers: [],
        checking: false,
        records: acme
      }
    })
    const statuses = wrapper.findAll('tbody tr').map((tr) => tr.findAll('td')[2]!.text())
    // Both tokens at the shared name are expected there; the other name holds a value that is not its own.
    expect(statuses).toEqual(['Has the record', 'Different value'])
    expect(wrapper.findAll('.value--differs').map((v) => v.text())).toEqual(['apex'])
  })
})

describe('Store problems', () => {
  it('tells what was lost and where the copy is, once per file, until dismissed', async () => {
    const { default: StoreProblemNotices } = await import('../../../src/renderer/src/components/StoreProblemNotices.vue')
    const { useStoreProblemsStore } = await import('../../../src/renderer/src/stores/store-problems')
    const pinia = createTestPinia()
    api['store:problems'] = vi.fn(async () => [
      { kind: 'session' as const, file: '/d/sessions/x.json', movedTo: '/d/sessions/x.json.corrupt-2026', reason: 'not valid JSON' },
      { kind: 'settings' as const, file: '/d/settings.json', movedTo: null, reason: 'setting "timeoutMs" was not valid and is back to its default' }
    ])
    await useStoreProblemsStore().fetch()
    const wrapper = mountInApp(StoreProblemNotices, { pinia })
    const notices = wrapper.findAll('[data-kind]')
    expect(notices.map((n) => n.attributes('data-kind'))).toEqual(['session', 'settings'])
    expect(notices[0]!.text()).toContain('A saved domain could not be read')
    expect(notices[0]!.find('[data-testid="moved-to"]').text()).toBe('/d/sessions/x.json.corrupt-2026')
    expect(notices[1]!.text()).toContain('Some of your settings in /d/settings.json could not be read')
    expect(notices[1]!.text()).toContain('Details: setting "timeoutMs"')
    useStoreProblemsStore().dismiss(0)
    await flush()
    expect(wrapper.findAll('[data-kind]')).toHaveLength(1)
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
