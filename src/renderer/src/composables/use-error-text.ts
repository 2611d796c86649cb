import { errorMessageKey, type MessageRef, renderParams, type ShownMessage } from '@shared/messages'
import { useI18n } from 'vue-i18n'
import { loadDeferredMessages } from '../i18n'

/**
 * An error in the UI language: its message id translated with its params, else its English text. Whether the id
 * is known is asked of vue-i18n: in the built renderer the locale files are compiled messages, so the shared
 * helpers that read en.json as text cannot tell. English error words arrive after the first screen
 * (deferred-messages.ts); until then the error's own English text is shown and they are fetched: vue-i18n's
 * messages are reactive, so a computed that called this words the error again when they are here.
 */
export function useErrorText(): (error: ShownMessage | undefined | null) => string | undefined {
  const { t, te } = useI18n()
  const translate = (ref: MessageRef): string => t(errorMessageKey(ref.messageId), renderParams(ref.params, translate))
  return (error) => {
    if (error === undefined || error === null) return undefined
    const key = errorMessageKey(error.messageId)
    if (te(key) || te(key, 'en')) return translate(error)
    loadDeferredMessages().catch((e: unknown) => console.error('Could not load the error texts', e))
    return error.message
  }
}
