/**
 * The Electron adapter of the API: one `ipcMain.handle` per channel of `API_CHANNELS`, each checking that the
 * caller is the app's own page before anything else, then going through `callApi` (input validation, typed
 * errors). Results travel as `{ ok, value | error }` envelopes, never as thrown Errors (IPC keeps only an Error's
 * message). Watch progress is pushed to the app's windows on `watch:onDidProgress`.
 *
 * No `electron` import: `ipcMain` and the windows are passed in, so this is unit-tested without Electron.
 */
import { API_CHANNELS, type ApiClient, type WatchProgress } from '../../shared/api'
import { API_EVENT_CHANNELS, ApiError, type ApiResult } from '../../shared/api-result'
import { callApi, type DispatchLogger } from '../api/dispatch'
import { isAppUrl } from './navigation-policy'

/** The part of Electron's `IpcMainInvokeEvent` the handlers read. */
export interface IpcInvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null
}

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/** The part of Electron's `WebContents` used to push events. */
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  getURL(): string
}

export interface RegisterIpcOptions {
  ipcMain: IpcMainLike
  /** The page the app loads (file:// URL of index.html, or the dev server URL). */
  appUrl: string
  /** Where push events go: the app's windows' webContents, looked up at send time. */
  targets: () => Iterable<WebContentsLike>
  logger?: DispatchLogger & { warn(message: string): void }
}

export const WATCH_PROGRESS_CHANNEL = API_EVENT_CHANNELS.onDidWatchProgress

const FORBIDDEN: ApiResult<never> = { ok: false, error: ApiError.of('forbidden', 'api.notAppPage').toBody() }

/** Whether an invoke comes from the app's page, in a top-level frame (not an iframe, not a page navigated away). */
export function isTrustedSender(event: IpcInvokeEventLike, appUrl: string): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return isAppUrl(frame.url, appUrl)
}

/** Registers every API channel and the progress push; returns a function that removes them again. */
export function registerIpc(service: ApiClient, options: RegisterIpcOptions): () => void {
  const { ipcMain, appUrl } = options
  const logger = options.logger ?? {
    error: (message: string, error: unknown) => console.error(`[dns-verify] ${message}`, error),
    warn: (message: string) => console.warn(`[dns-verify] ${message}`)
  }

  for (const channel of API_CHANNELS) {
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event, appUrl)) {
        logger.warn(`refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
        return FORBIDDEN
      }
      if (args.length > 1) {
        return { ok: false, error: { code: 'bad_input', message: `${channel} takes one argument, not ${args.length}.` } }
      }
      return callApi(service, channel, args[0], logger)
    })
  }

  const unsubscribe = service.onDidWatchProgress((progress: WatchProgress) => {
    for (const target of options.targets()) {
      if (target.isDestroyed() || !isAppUrl(target.getURL(), appUrl)) continue
      target.send(WATCH_PROGRESS_CHANNEL, progress)
    }
  })

  return () => {
    unsubscribe()
    for (const channel of API_CHANNELS) ipcMain.removeHandler(channel)
  }
}
