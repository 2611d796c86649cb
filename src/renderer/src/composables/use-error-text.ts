import { useI18n } from 'vue-i18n'

/** Error messages are either locale keys (`ui.errors.*`, checks done here) or sentences from the main process. */
export function useErrorText(): (message: string | undefined | null) => string | undefined {
  const { t } = useI18n()
  return (message) => {
    if (message === undefined || message === null || message === '') return undefined
    return message.startsWith('ui.') ? t(message) : message
  }
}
