/**
 * The main process shows words of its own (the menu), so it must hear when the user picks another language. This
 * wraps the Api the IPC adapter serves: `settings:set` behaves exactly as before, then reports the saved locale.
 * Pure module: no `electron`.
 */
import type { AppSettings, ApiClient } from '../../shared/api'

export function reportingLocaleChanges<T extends Pick<ApiClient, 'settings:set'>>(
  api: T,
  onLocale: (locale: AppSettings['locale']) => void
): T {
  return {
    ...api,
    'settings:set': async (settings: AppSettings) => {
      const saved = await api['settings:set'](settings)
      try {
        onLocale(saved.locale)
      } catch (error) {
        // The settings are saved; a menu that could not be rebuilt must not turn that into a failure.
        console.warn(`[dns-verify] could not apply the language ${saved.locale}: ${(error as Error).message}`)
      }
      return saved
    }
  }
}
