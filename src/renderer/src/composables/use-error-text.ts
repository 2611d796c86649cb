import { errorMessageKey, isErrorMessageId, type MessageRef, renderParams, type ShownMessage } from '@shared/messages'
import { useI18n } from 'vue-i18n'

/** An error in the UI language: its message id translated with its params, else its English text. */
export function useErrorText(): (error: ShownMessage | undefined | null) => string | undefined {
  const { t } = useI18n()
  const translate = (ref: MessageRef): string => t(errorMessageKey(ref.messageId), renderParams(ref.params, translate))
  return (error) => {
    if (error === undefined || error === null) return undefined
    return isErrorMessageId(error.messageId) ? translate(error) : error.message
  }
}
