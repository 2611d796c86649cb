import { useI18n } from 'vue-i18n'
import { useCatalogStore } from '../stores/catalog'
import type { AppLocale } from '@shared/app-locales'

/** A platform's name in the UI language: from the catalog, else the fallback given (the engine's English name). */
export function useProviderName(): (id: string | null | undefined, fallback?: string) => string {
  const catalog = useCatalogStore()
  const { locale, t } = useI18n()
  return (id, fallback) => {
    const provider = catalog.provider(id)
    if (provider) return provider.names[locale.value as AppLocale] ?? provider.names.en
    return fallback ?? t('ui.platform.unknownName')
  }
}
