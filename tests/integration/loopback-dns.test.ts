/**
 * The DNS tree the `_electron` specs check against (tests/support/loopback-dns.ts), through the real engine and the
 * real watch loop: those specs only run where the Electron binary is (the release runners), so the tree and the
 * chain they rely on (step 1's delegation lookup; a watch going from "missing" to "verified"; one notification) are
 * proven here, on every `npm test`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchProgress } from '../../src/shared/api'
import type { DiagnoseInput } from '../../src/shared/diagnosis-types'
import { createApiService } from '../../src/main/services/api-service'
import { defaultEngine } from '../../src/main/services/default-engine'
import { createVerifiedNotifier, type NotificationApi } from '../../src/main/shell/notifications'
import { startLoopbackDns, type LoopbackDns } from '../support/loopback-dns'
import { ManualTimers } from '../support/fake-engine'

const TOKEN = '20240611000000e2etoken0abcdefghijklmnopqrstuv'
let dns: LoopbackDns

beforeAll(async () => {
  dns = await startLoopbackDns([{ apex: 'good.test', txt: { _dnsauth: [TOKEN] } }])
})

afterAll(async () => {
  await dns?.close()
})

const input = (): DiagnoseInput => ({
  domains: ['good.test'],
  host: '_dnsauth',
  type: 'TXT',
  value: TOKEN,
  resolvers: [dns.resolver],
  roots: [dns.root],
  authPort: dns.authPort,
  timeoutMs: 2000
})

describe('loopback DNS tree', () => {
  it('lets step 1 find the zone and its name server from the root', async () => {
    const summary = await defaultEngine.summarizeDelegation('good.test', { roots: [dns.root], authPort: dns.authPort, timeoutMs: 2000 })
    expect(summary).toMatchObject({ zone: 'good.test', nameservers: ['ns1.good.test'], problem: null })
  })

  it('verifies the record when it is there, and finds it missing when it is not', async () => {
    const found = await defaultEngine.runDiagnosis(input())
    expect(found.verdict).toBe('verified')
    expect(found.findings.map((f) => f.id)).toContain('record.ok')

    dns.setTxt('good.test', {})
    try {
      const missing = await defaultEngine.runDiagnosis(input())
      expect(missing.verdict).toBe('action_needed')
      expect(missing.findings.map((f) => f.id)).toContain('record.missing')
    } finally {
      dns.setTxt('good.test', { _dnsauth: [TOKEN] })
    }
  })

  it('a watch turns green when the record appears, and one notification is requested', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dnsverify-loopback-'))
    const timers = new ManualTimers()
    const service = createApiService({ dataDir, engine: defaultEngine, logger: { warn: () => undefined }, timers })
    const shown: { title: string; body: string }[] = []
    const notifications: NotificationApi = {
      isSupported: () => true,
      create: (options) => ({ on: () => undefined, show: () => void shown.push(options) })
    }
    const notifier = createVerifiedNotifier(notifications, { locale: async () => 'en', onClick: () => undefined })
    const verdicts: string[] = []
    service.onDidWatchProgress((p: WatchProgress) => {
      notifier.onProgress(p)
      if (p.report) verdicts.push(p.report.verdict)
    })
    try {
      dns.setTxt('good.test', {})
      await service['watch:start']({ sessionId: 'loopback', input: input(), intervalSeconds: 1 })
      await expect.poll(() => verdicts, { timeout: 15_000 }).toEqual(['action_needed'])
      dns.setTxt('good.test', { _dnsauth: [TOKEN] })
      timers.fireAll()
      await expect.poll(() => verdicts, { timeout: 15_000 }).toEqual(['action_needed', 'verified'])
      await notifier.idle()
      expect(shown).toEqual([
        {
          title: 'Your DNS record is ready',
          body: 'good.test: every DNS server in charge answers with the expected value. Go back to your certificate authority and start its check.'
        }
      ])
    } finally {
      dns.setTxt('good.test', { _dnsauth: [TOKEN] })
      await service.dispose()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
