import { type AppLocale, localeFromTags } from '@shared/app-locales'
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

/** The browser's preferred languages, best first, as the app's locale. */
export function preferredLocale(): AppLocale {
  return localeFromTags(typeof navigator === 'undefined' ? [] : navigator.languages)
}

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: preferredLocale(),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN, es }
})

/** Switches the UI language and tells assistive technology (the document's lang) about it. */
export function applyLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}
