import { type AppLocale, localeFromTags } from '@shared/app-locales'
import type { NLocale } from 'naive-ui'
import { shallowReactive } from 'vue'
import { createI18n } from 'vue-i18n'
import en from '../../shared/locales/en.json'

// English is the reference: its shape is the schema every other locale must match, and the fallback for a
// missing message. Each file's top level is keyed by section (`app`, `ui`, `findings`, ...). In the built
// renderer this import holds only what the first screen shows; the rest comes with loadDeferredMessages.
export type MessageSchema = typeof en

declare module 'vue-i18n' {
  // Makes t('...') keys type-checked everywhere.
  export interface DefineLocaleMessage extends MessageSchema {}
}

/** The app's locales, listed once in src/shared/app-locales.ts. */
export type SupportedLocale = AppLocale

/** The browser's preferred languages, best first, as the app's locale. */
export function preferredLocale(): AppLocale {
  return localeFromTags(typeof navigator === 'undefined' ? [] : navigator.languages)
}

interface LocaleBundle {
  messages: MessageSchema
  /** Naive UI's own words (empty states, input placeholders); English is built into Naive UI. */
  naive: NLocale
}

/**
 * Every locale but English is a chunk of its own, fetched when it is first chosen (by the browser's languages,
 * the saved settings or the settings drawer): a page shown in one language does not download the others.
 * English ships in the initial bundle, as the fallback.
 */
const LOCALE_BUNDLES: Record<Exclude<SupportedLocale, 'en'>, () => Promise<LocaleBundle>> = {
  'zh-CN': async () => {
    const [messages, naive] = await Promise.all([import('../../shared/locales/zh-CN.json'), import('./naive-locales/zh-CN')])
    return { messages: messages.default, naive: naive.default }
  },
  es: async () => {
    const [messages, naive] = await Promise.all([import('../../shared/locales/es.json'), import('./naive-locales/es')])
    return { messages: messages.default, naive: naive.default }
  }
}

export const i18n = createI18n<[MessageSchema], SupportedLocale, false>({
  legacy: false,
  locale: preferredLocale(),
  fallbackLocale: 'en',
  messages: { en } as { en: MessageSchema; 'zh-CN': MessageSchema; es: MessageSchema },
  // Until a locale's chunk has arrived its texts come from English, on purpose: no warning for that.
  fallbackWarn: false,
  missingWarn: false
})

/** Naive UI's words for each locale loaded so far; App.vue passes the current one to NConfigProvider. */
export const naiveLocales = shallowReactive<Partial<Record<SupportedLocale, NLocale>>>({})

const loading = new Map<SupportedLocale, Promise<void>>()

/** Fetches `locale`'s texts once; resolves when vue-i18n and Naive UI have them. */
export function loadLocaleMessages(locale: SupportedLocale): Promise<void> {
  if (locale === 'en') return Promise.resolve()
  let pending = loading.get(locale)
  if (!pending) {
    pending = LOCALE_BUNDLES[locale]().then(
      ({ messages, naive }) => {
        i18n.global.setLocaleMessage(locale, messages)
        naiveLocales[locale] = naive
      },
      (error: unknown) => {
        loading.delete(locale) // a failed fetch (the bridge restarting, say) is tried again next time
        throw error
      }
    )
    loading.set(locale, pending)
  }
  return pending
}

let deferredEnglish: Promise<void> | null = null

/**
 * Fetches the English messages only the lazily loaded parts use (deferred-messages.ts) once; resolves when
 * vue-i18n has them. (In tests, where en.json is whole, the deferred part is empty.)
 */
export function loadDeferredMessages(): Promise<void> {
  deferredEnglish ??= import('../../shared/locales/en.json?deferred').then(
    ({ default: messages }) => i18n.global.mergeLocaleMessage('en', messages as MessageSchema),
    (error: unknown) => {
      deferredEnglish = null
      throw error
    }
  )
  return deferredEnglish
}

/** `load` (a lazily loaded component), resolved once the English messages it may show are here too. */
export function withDeferredMessages<T>(load: () => Promise<T>): () => Promise<T> {
  return async () => (await Promise.all([load(), loadDeferredMessages()]))[0]
}

/**
 * Switches the UI language and tells assistive technology (the document's lang) about it. The switch is
 * immediate; texts of a locale not loaded yet show in English for the moment its chunk takes to arrive.
 */
export function applyLocale(locale: SupportedLocale): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  loadLocaleMessages(locale).catch((error: unknown) => console.error(`Could not load the ${locale} texts`, error))
}
