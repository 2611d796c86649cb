import type { AppSettings } from '@shared/api'
import { createI18n } from 'vue-i18n'
import en from '../../shared/locales/en.json'
import es from '../../shared/locales/es.json'
import zhCN from '../../shared/locales/zh-CN.json'

// English is the reference: its shape is the schema every other locale must match, and the fallback for a
// missing message. Each file's top level is keyed by section (`app`, `ui`, `findings`, ...).
export type MessageSchema = typeof en

declare module 'vue-i18n' {
  // Makes t('...') keys type-checked everywhere.
  export interface DefineLocaleMessage extends MessageSchema {}
}

export const SUPPORTED_LOCALES = ['en', 'zh-CN', 'es'] as const satisfies readonly AppSettings['locale'][]
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number]

/** The first supported locale that matches the user's preferred languages (BCP 47 tags, best first), else English. */
export function pickLocale(preferred: readonly string[]): SupportedLocale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0]
    if (language === 'en') return 'en'
    if (language === 'zh') return 'zh-CN'
    if (language === 'es') return 'es'
  }
  return 'en'
}

export const i18n = createI18n<[MessageSchema], SupportedLocale, false>({
  legacy: false,
  locale: pickLocale(typeof navigator === 'undefined' ? [] : navigator.languages),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN, es }
})

/** Switches the UI language and tells assistive technology (the document's lang) about it. */
export function applyLocale(locale: SupportedLocale): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}
