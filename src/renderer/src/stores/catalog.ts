import type { ResolverPresetInfo } from '@shared/api'
import type { CertificateAuthority, Provider } from '@shared/catalog-types'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getApi } from '../api'
import { apiErrorOf } from '../lib/api-error'
import type { ShownMessage } from '@shared/messages'

/** The reference data the wizard offers in selects: DNS platforms, certificate authorities, resolver presets. */
export const useCatalogStore = defineStore('catalog', () => {
  const providers = ref<Provider[]>([])
  const cas = ref<CertificateAuthority[]>([])
  const presets = ref<ResolverPresetInfo[]>([])
  const error = ref<ShownMessage | null>(null)
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= (async () => {
      const api = getApi()
      try {
        const [p, c, r] = await Promise.all([api['catalog:providers'](), api['catalog:cas'](), api['catalog:resolverPresets']()])
        providers.value = p
        cas.value = c
        presets.value = r
        error.value = null
      } catch (e) {
        error.value = apiErrorOf(e)
        loading = null
      }
    })()
    return loading
  }

  function provider(id: string | null | undefined): Provider | null {
    return providers.value.find((candidate) => candidate.id === id) ?? null
  }

  return { providers, cas, presets, error, load, provider }
})
