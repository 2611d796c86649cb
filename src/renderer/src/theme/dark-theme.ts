import type { GlobalTheme } from 'naive-ui'
import { shallowRef } from 'vue'

/** Naive UI's dark theme once loaded; null until the first time the app is dark. */
export const loadedDarkTheme = shallowRef<GlobalTheme | null>(null)

let loading: Promise<void> | null = null

/** Fetches the dark theme's chunk once; a failed fetch is tried again on the next call. */
export function loadDarkTheme(): Promise<void> {
  loading ??= import('./naive-dark-theme').then(
    ({ darkTheme }) => {
      loadedDarkTheme.value = darkTheme
    },
    (error: unknown) => {
      loading = null
      throw error
    }
  )
  return loading
}

/** Whether the system asks for dark colours (the default "system" theme setting then shows dark). */
export function systemPrefersDark(): boolean {
  return typeof window !== 'undefined' && (window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false)
}
