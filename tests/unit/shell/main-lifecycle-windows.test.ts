// src/main/shell/index.ts on Windows, launched while another instance runs: the AppUserModelID is set before anything
// else (Windows shows notifications only for an app whose ID matches its Start-menu shortcut), and the second
// instance quits at once without opening a window. See main-lifecycle.test.ts for the rest of the lifecycle.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { APP_USER_MODEL_ID } from '../../../src/main/shell/app-identity'
import { flush } from '../../support/fake-engine'
import { electronState as state } from './fake-electron'

vi.mock('electron', async () => {
  const { fakeElectronModule } = await import('./fake-electron')
  return { default: fakeElectronModule, ...fakeElectronModule }
})

let platform: PropertyDescriptor | undefined

beforeAll(async () => {
  platform = Object.getOwnPropertyDescriptor(process, 'platform')
  Object.defineProperty(process, 'platform', { value: 'win32' })
  state.lock = false
  await import('../../../src/main/shell/index')
})

afterAll(() => {
  if (platform) Object.defineProperty(process, 'platform', platform)
})

describe('main process lifecycle (Windows, second instance)', () => {
  it('sets the AppUserModelID first, then hands over to the running instance and quits', async () => {
    await flush()
    expect(state.calls).toEqual([`setAppUserModelId ${APP_USER_MODEL_ID}`, 'enableSandbox', 'requestSingleInstanceLock', 'quit'])
    expect(state.windows).toEqual([])
    expect(state.menus).toEqual([])
  })
})
