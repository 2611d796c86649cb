// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import NslookupHelp from '../../../src/renderer/src/components/NslookupHelp.vue'
import { i18n } from '../../../src/renderer/src/i18n'
import { mountInApp } from '../../support/renderer/mount'

afterEach(() => {
  document.body.innerHTML = ''
  i18n.global.locale.value = 'en'
})

const props = { name: '_dnsauth.example.com', type: 'TXT', value: 'token', resolver: null }

describe('NslookupHelp: this computer\'s resolver still remembers an old answer', () => {
  it('says how long, how to clear this computer\'s cache on Windows, and the command to run again', () => {
    const wrapper = mountInApp(NslookupHelp, { props: { ...props, systemWait: { kind: 'negative_cached', seconds: 42 } } })
    const advice = wrapper.find('[data-testid="system-cache"]')
    expect(advice.text()).toContain('still remembers "not found", for about 42 more seconds')
    expect(wrapper.find('[data-testid="flush-windows"]').text()).toBe('ipconfig /flushdns')
    expect(wrapper.find('[data-testid="nslookup-windows"]').text()).toBe('nslookup -q=TXT _dnsauth.example.com')
  })

  it('names the old value case apart from "not found"', () => {
    const wrapper = mountInApp(NslookupHelp, { props: { ...props, systemWait: { kind: 'pending', seconds: 7 } } })
    expect(wrapper.find('[data-testid="system-cache"]').text()).toContain('still shows the old value, for about 7 more seconds')
  })

  it('shows no advice when this computer\'s resolver already sees the record', () => {
    const wrapper = mountInApp(NslookupHelp, { props: { ...props, systemWait: null } })
    expect(wrapper.find('[data-testid="system-cache"]').exists()).toBe(false)
  })
})
