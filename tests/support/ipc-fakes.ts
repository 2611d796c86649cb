// An ipcMain / WebContents stand-in with the few methods src/main/shell/ipc.ts uses, so the IPC adapter runs
// in plain Node. `invoke` plays the renderer: arguments and results go through structuredClone as they
// would through Electron's IPC.

import type { IpcInvokeEventLike, IpcMainLike, WebContentsLike } from '../../src/main/shell/ipc'

export const APP_URL = 'file:///opt/dns-verify/resources/app.asar/out/renderer/index.html'

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>()

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, listener)
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }

  async invoke(channel: string, args: unknown[], frame: IpcInvokeEventLike['senderFrame'] = { url: APP_URL, parent: null }): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`No handler registered for '${channel}'`)
    return structuredClone(await handler({ senderFrame: frame }, ...structuredClone(args)))
  }
}

export class FakeWebContents implements WebContentsLike {
  readonly sent: { channel: string; args: unknown[] }[] = []
  destroyed = false
  constructor(public url: string = APP_URL) {}
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: structuredClone(args) })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getURL(): string {
    return this.url
  }
}
