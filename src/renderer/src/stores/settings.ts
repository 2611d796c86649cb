import type { AppSettings } from '@shared/api'
import { defaultSettings } from '@shared/default-settings'
import type { DiagnoseInput } from '@shared/diagnosis-types'
import { resolverSpecsFor } from '@shared/resolver-defaults'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getApi } from '../api'
import { apiErrorOf, type FieldErrors } from '../lib/api-error'
import { applyLocale, preferredLocale } from '../i18n'

/** The user's settings, loaded from and saved to the main process; the UI language follows `locale` at once. */
export const useSettingsStore = defineStore('settings', () => {
  // Until the main process answers: the same defaults it gives a new data folder.
  const settings = ref<AppSettings>(defaultSettings(preferredLocale()))
  const loaded = ref(false)
  const saving = ref(false)
  const errors = ref<FieldErrors>({})

  async function load(): Promise<void> {
    try {
      settings.value = await getApi()['settings:get']()
      errors.value = {}
    } catch (e) {
      errors.value = { '': apiErrorOf(e) }
    } finally {
      loaded.value = true
      applyLocale(settings.value.locale)
    }
  }

  /** Saves a change; on a rejected field the previous settings stay and the error is kept under that field. */
  async function update(patch: Partial<AppSettings>): Promise<boolean> {
    const previous = settings.value
    settings.value = { ...previous, ...patch }
    if (patch.locale) applyLocale(patch.locale)
    saving.value = true
    try {
      settings.value = await getApi()['settings:set'](settings.value)
      errors.value = {}
      return true
    } catch (e) {
      const body = apiErrorOf(e)
      errors.value = { [body.field ?? '']: body }
      settings.value = previous
      applyLocale(previous.locale)
      return false
    } finally {
      saving.value = false
    }
  }

  /** The resolver, root and timeout part of a diagnosis request, from the settings. */
  const diagnoseOptions = computed<Pick<DiagnoseInput, 'resolvers' | 'roots' | 'authPort' | 'timeoutMs'>>(() => {
    const s = settings.value
    const options: Pick<DiagnoseInput, 'resolvers' | 'roots' | 'authPort' | 'timeoutMs'> = {
      resolvers: resolverSpecsFor(s),
      timeoutMs: s.timeoutMs
    }
    if (s.roots.length > 0) options.roots = [...s.roots]
    if (s.authPort !== null) options.authPort = s.authPort
    return options
  })

  return { settings, loaded, saving, errors, load, update, diagnoseOptions }
})
