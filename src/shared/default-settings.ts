/**
 * Settings before the user changes anything, the same in the main process (what `settings:get` returns for a
 * new data folder) and in the renderer (what it shows until that answer arrives): the system's resolvers plus
 * every public preset, which is also what the engine asks when a check names no resolvers.
 */
import type { AppSettings } from './api'
import type { AppLocale } from './app-locales'
import { DEFAULT_TIMEOUT_MS } from './limits'
import { RESOLVER_PRESET_IDS } from './resolver-presets'

export const DEFAULT_WATCH_INTERVAL_SECONDS = 30

export function defaultSettings(locale: AppLocale = 'en'): AppSettings {
  return {
    presets: [...RESOLVER_PRESET_IDS],
    includeSystemResolvers: true,
    customResolvers: [],
    roots: [],
    authPort: null,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    locale,
    theme: 'system',
    watchIntervalSeconds: DEFAULT_WATCH_INTERVAL_SECONDS
  }
}
