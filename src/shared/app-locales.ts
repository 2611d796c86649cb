/** The languages the app speaks (UI, CLI report, errors), and how one is picked from the system's preferences. */

export const SUPPORTED_LOCALES = ['en', 'zh-CN', 'es'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

/** Each language by its own name, for the language picker. */
export const LOCALE_NAMES: Readonly<Record<AppLocale, string>> = { en: 'English', 'zh-CN': '简体中文', es: 'Español' }

export function isAppLocale(value: unknown): value is AppLocale {
  return (SUPPORTED_LOCALES as readonly unknown[]).includes(value)
}

/**
 * The first supported locale among BCP 47 tags, best first (`zh-Hans-CN` → `zh-CN`, `es_MX` → `es`), else
 * English.
 */
export function localeFromTags(tags: readonly (string | undefined)[]): AppLocale {
  for (const tag of tags) {
    const language = (tag ?? '').toLowerCase().split(/[-_]/)[0]
    if (language === 'en') return 'en'
    if (language === 'zh') return 'zh-CN'
    if (language === 'es') return 'es'
  }
  return 'en'
}
