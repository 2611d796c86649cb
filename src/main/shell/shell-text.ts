/**
 * The words the main process shows itself: menu labels and desktop notifications, from the `shell` section of the one
 * locale tree (src/shared/locales), in the user's language as set in the app's settings. Pure module: no `electron`.
 */
import type { AppSettings } from '../../shared/api'
import { formatMessage, messageAt, type LocaleMessages } from '../../shared/format-message'
import en from '../../shared/locales/en.json'
import es from '../../shared/locales/es.json'
import zhCN from '../../shared/locales/zh-CN.json'

export type Locale = AppSettings['locale']

const MESSAGES: Record<Locale, LocaleMessages> = { en, 'zh-CN': zhCN, es }

export type MenuLabel = keyof (typeof en)['shell']['menu']
export type NotificationText = keyof (typeof en)['shell']['notification']

export interface ShellText {
  /** The app's name in this language (`app.title`), as menus and About show it. */
  readonly appName: string
  /** One sentence on what the app does (`app.tagline`), for About. */
  readonly tagline: string
  menu(key: MenuLabel): string
  notification(key: NotificationText, params: Record<string, string>): string
  /** Joins names the way this language lists them (`ui.listSeparator`). */
  list(items: readonly string[]): string
}

export function shellText(locale: Locale): ShellText {
  const messages = MESSAGES[locale] ?? MESSAGES.en
  const appName = messageAt(messages, 'app.title')
  return {
    appName,
    tagline: messageAt(messages, 'app.tagline'),
    menu: (key) => formatMessage(messageAt(messages, `shell.menu.${key}`), { app: appName }),
    notification: (key, params) => formatMessage(messageAt(messages, `shell.notification.${key}`), params),
    list: (items) => items.join(messageAt(messages, 'ui.listSeparator'))
  }
}
