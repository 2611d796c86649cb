// Mounts a renderer component the way App.vue provides for it: Pinia, vue-i18n and Naive UI's message and
// notification providers.
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach } from 'vitest'
import { NMessageProvider, NNotificationProvider } from 'naive-ui'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { defineComponent, h, type Component } from 'vue'
import { i18n } from '../../../src/renderer/src/i18n'

// A mounted app left alive keeps reacting to the shared i18n and to later tests' stores, and every later mount
// pays for it: each test's wrappers are unmounted when it ends.
enableAutoUnmount(afterEach)

export function createTestPinia(): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  return pinia
}

export function mountInApp(component: Component, options: { pinia?: Pinia; props?: Record<string, unknown> } = {}): VueWrapper {
  const pinia = options.pinia ?? createTestPinia()
  const Host = defineComponent({
    setup: () => () =>
      h(NNotificationProvider, null, () => h(NMessageProvider, null, () => h(component, options.props ?? {})))
  })
  return mount(Host, { global: { plugins: [pinia, i18n] }, attachTo: document.body })
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}
