import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'

async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
    return
  } catch {
    // Older shells or a page without clipboard permission: fall back to a hidden textarea.
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.append(area)
  area.select()
  const ok = document.execCommand('copy')
  area.remove()
  if (!ok) throw new Error('copy failed')
}

/**
 * Copies text to the clipboard and says so in a toast; resolves to whether it worked. Not VueUse's useClipboard:
 * its fallback reports success whatever `execCommand('copy')` returned, and a user whose copy failed must be told
 * to select the text by hand.
 */
export function useCopy(): (text: string) => Promise<boolean> {
  const message = useMessage()
  const { t } = useI18n()
  return async (text: string) => {
    try {
      await writeClipboard(text)
      message.success(t('ui.copy.done'), { duration: 1500 })
      return true
    } catch {
      message.error(t('ui.copy.failed'))
      return false
    }
  }
}
