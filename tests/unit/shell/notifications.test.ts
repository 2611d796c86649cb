import { describe, expect, it, vi } from 'vitest'
import type { WatchProgress } from '../../../src/shared/api'
import { shownMessage } from '../../../src/shared/messages'
import { createVerifiedNotifier, type NotificationApi, type NotificationLike } from '../../../src/main/shell/notifications'
import type { Locale } from '../../../src/main/shell/shell-text'
import { sampleInput, sampleReport, verifiedReport } from '../../support/fake-engine'

/** Electron's Notification stand-in: records what was shown and lets the test click it. */
class FakeNotifications implements NotificationApi {
  supported = true
  readonly shown: { title: string; body: string; click: () => void }[] = []
  isSupported(): boolean {
    return this.supported
  }
  create(options: { title: string; body: string }): NotificationLike {
    const listeners = new Map<string, () => void>()
    const shown = this.shown
    return {
      on(event, listener) {
        listeners.set(event, listener)
      },
      show() {
        shown.push({ ...options, click: () => listeners.get('click')?.() })
      }
    }
  }
}

const input = sampleInput({ domains: ['example.com', '*.example.com'] })
const done = (sessionId: string, verdict: 'verified' | 'action_needed' | 'waiting'): WatchProgress => ({
  sessionId,
  phase: 'done',
  progress: 1,
  report: verdict === 'verified' ? verifiedReport(input) : { ...sampleReport(undefined, input), verdict },
  nextCheckAt: null,
  error: null
})
const checking = (sessionId: string): WatchProgress => ({ sessionId, phase: 'checking', progress: 0.5, report: null, nextCheckAt: null, error: null })
const failed = (sessionId: string): WatchProgress => ({ sessionId, phase: 'error', progress: 0, report: null, nextCheckAt: null, error: shownMessage('check.failed', { detail: 'timeout' }) })

function setup(locale: Locale = 'en') {
  const notifications = new FakeNotifications()
  const onClick = vi.fn()
  const warnings: string[] = []
  const notifier = createVerifiedNotifier(notifications, { locale: async () => locale, onClick, logger: { warn: (m) => warnings.push(m) } })
  return { notifications, onClick, warnings, notifier }
}

describe('verified notifications', () => {
  it('notifies once when a watched check turns green, naming the domains', async () => {
    const { notifications, notifier } = setup()
    for (const p of [checking('s1'), done('s1', 'action_needed'), checking('s1'), done('s1', 'waiting'), done('s1', 'verified')]) notifier.onProgress(p)
    await notifier.idle()
    expect(notifications.shown.map(({ title, body }) => ({ title, body }))).toEqual([
      {
        title: 'Your DNS record is ready',
        body: 'example.com, *.example.com: every DNS server in charge answers with the expected value. Go back to your certificate authority and start its check.'
      }
    ])
  })

  it('stays quiet while green, and again for the next transition only', async () => {
    const { notifications, notifier } = setup()
    for (const v of ['action_needed', 'verified', 'verified', 'verified', 'action_needed', 'verified'] as const) notifier.onProgress(done('s1', v))
    await notifier.idle()
    expect(notifications.shown).toHaveLength(2)
  })

  it('stays quiet when the first check of a session is green already (the user is looking at it)', async () => {
    const { notifications, notifier } = setup()
    notifier.onProgress(done('s1', 'verified'))
    await notifier.idle()
    expect(notifications.shown).toEqual([])
  })

  it('an error between two checks does not count as a verdict', async () => {
    const { notifications, notifier } = setup()
    for (const p of [done('s1', 'action_needed'), failed('s1'), done('s1', 'verified')]) notifier.onProgress(p)
    await notifier.idle()
    expect(notifications.shown).toHaveLength(1)
  })

  it('follows each session on its own', async () => {
    const { notifications, notifier } = setup()
    notifier.onProgress(done('a', 'action_needed'))
    notifier.onProgress(done('b', 'verified'))
    notifier.onProgress(done('a', 'verified'))
    notifier.onProgress(done('b', 'action_needed'))
    notifier.onProgress(done('b', 'verified'))
    await notifier.idle()
    expect(notifications.shown).toHaveLength(2)
  })

  it.each([
    ['zh-CN', 'DNS 记录已就绪', 'example.com、*.example.com：'],
    ['es', 'Su registro DNS está listo', 'example.com, *.example.com: todos']
  ] as const)('speaks the language of the settings (%s)', async (locale, title, bodyStart) => {
    const { notifications, notifier } = setup(locale)
    notifier.onProgress(done('s1', 'waiting'))
    notifier.onProgress(done('s1', 'verified'))
    await notifier.idle()
    expect(notifications.shown[0]?.title).toBe(title)
    expect(notifications.shown[0]?.body.startsWith(bodyStart)).toBe(true)
  })

  it('a click on the notification brings the window forward', async () => {
    const { notifications, notifier, onClick } = setup()
    notifier.onProgress(done('s1', 'action_needed'))
    notifier.onProgress(done('s1', 'verified'))
    await notifier.idle()
    expect(onClick).not.toHaveBeenCalled()
    notifications.shown[0]!.click()
    expect(onClick).toHaveBeenCalledOnce()
  })

  it('where the system has no notifications: a warning, nothing shown, no crash', async () => {
    const { notifications, notifier, warnings } = setup()
    notifications.supported = false
    notifier.onProgress(done('s1', 'action_needed'))
    notifier.onProgress(done('s1', 'verified'))
    await notifier.idle()
    expect(notifications.shown).toEqual([])
    expect(warnings).toEqual(['desktop notifications are not supported on this system; the window shows the result'])
  })

  it('a notification that fails to show is a warning; the next one still shows', async () => {
    const { notifications, notifier, warnings } = setup()
    const create = notifications.create.bind(notifications)
    notifications.create = vi.fn().mockImplementationOnce(() => {
      throw new Error('no notification server')
    }).mockImplementation(create)
    for (const v of ['action_needed', 'verified', 'action_needed', 'verified'] as const) notifier.onProgress(done('s1', v))
    await notifier.idle()
    expect(warnings).toEqual(['could not show a notification: no notification server'])
    expect(notifications.shown).toHaveLength(1)
  })
})
