/**
 * A desktop notification when a watched check turns green: the user added the record, switched to their DNS console
 * or went for coffee, and step 4's re-checks found it. Once per transition: only when a session's verdict becomes
 * `verified` after a check of the same session (in this run of the app) said otherwise. A first check that is green
 * at once, a repeated green, or a restarted watch on a session already green stays quiet: the window shows it.
 *
 * Text in the user's language from `shell.notification.*`. Clicking the notification brings the window forward.
 * No `electron` at run time: Electron's `Notification` is passed in, so this is unit-tested without Electron.
 */
import type { WatchProgress } from '../../shared/api'
import type { Verdict } from '../../shared/findings'
import { shellText, type Locale } from './shell-text'

/** The part of an Electron `Notification` used here. */
export interface NotificationLike {
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown
  show(): void
}

/** The part of Electron's `Notification` class used here. */
export interface NotificationApi {
  isSupported(): boolean
  create(options: { title: string; body: string }): NotificationLike
}

export interface VerifiedNotifierOptions {
  /** The user's language now (the settings can change while the app runs). */
  locale(): Promise<Locale>
  /** What a click on the notification does: show the main window. */
  onClick(): void
  logger?: { warn(message: string): void }
}

export interface VerifiedNotifier {
  /** Feed every watch progress event here (the API service's onDidWatchProgress). */
  onProgress(progress: WatchProgress): void
  /** Resolves when notifications started so far have been handed to the OS (tests). */
  idle(): Promise<void>
}

export function createVerifiedNotifier(notifications: NotificationApi, options: VerifiedNotifierOptions): VerifiedNotifier {
  const logger = options.logger ?? { warn: (message: string) => console.warn(`[dns-verify] ${message}`) }
  const lastVerdict = new Map<string, Verdict>()
  // Electron drops a Notification that nothing references once it is garbage-collected, and its click with it.
  const alive = new Set<NotificationLike>()
  let queue: Promise<void> = Promise.resolve()

  async function notify(domains: readonly string[]): Promise<void> {
    if (!notifications.isSupported()) {
      logger.warn('desktop notifications are not supported on this system; the window shows the result')
      return
    }
    const text = shellText(await options.locale())
    const notification = notifications.create({
      title: text.notification('verifiedTitle', {}),
      body: text.notification('verifiedBody', { domains: text.list(domains) })
    })
    alive.add(notification)
    const forget = (): void => void alive.delete(notification)
    notification.on('click', () => {
      forget()
      options.onClick()
    })
    notification.on('close', forget)
    notification.on('failed', forget)
    notification.show()
  }

  return {
    onProgress(progress) {
      if (progress.phase !== 'done' || progress.report === null) return
      const verdict = progress.report.verdict
      const previous = lastVerdict.get(progress.sessionId)
      lastVerdict.set(progress.sessionId, verdict)
      if (verdict !== 'verified' || previous === undefined || previous === 'verified') return
      const domains = progress.report.input.domains
      queue = queue
        .then(() => notify(domains))
        .catch((error: unknown) => logger.warn(`could not show a notification: ${(error as Error).message}`))
    },
    idle: () => queue
  }
}
