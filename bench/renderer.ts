/**
 * The renderer's weight and start-up: gzip size of the initial JavaScript (target ≤ 130 kB, 1 kB = 1000 bytes) and the
 * time from navigation until step 1's domain field accepts input, in headless Debian Chromium
 * through browser mode. Baseline in the same run: a minimal page served by the same bridge.
 */
import { readdirSync, readFileSync, mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { startBridge } from '../src/main/bridge/server'
import { createApiService } from '../src/main/services/api-service'
import { defaultEngine } from '../src/main/services/default-engine'
import { quantile } from './client-vs-cares'

const repo = resolve(import.meta.dirname, '..')
const RUNS = 7

export async function benchRenderer(): Promise<{ initialJsGzipBytes: number; appMs: number; baselineMs: number }> {
  const rendererDir = join(repo, 'out/renderer')
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  // The initial JavaScript is what index.html loads: its module script and modulepreloads.
  const initial = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
  const initialJsGzipBytes = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file)), { level: 9 }).length, 0)

  const scratch = mkdtempSync(join(tmpdir(), 'dnsverify-bench-renderer-'))
  const baselineDir = join(scratch, 'baseline')
  mkdirSync(baselineDir)
  writeFileSync(join(baselineDir, 'index.html'), '<!doctype html><title>baseline</title><input id="domain-input">')
  const service = createApiService({ dataDir: join(scratch, 'data'), engine: defaultEngine, logger: { warn: () => undefined } })
  const app = await startBridge({ rendererDir, service })
  const baseline = await startBridge({ rendererDir: baselineDir, service })
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const measure = async (url: string): Promise<number> => {
      const context = await browser.newContext()
      const page = await context.newPage()
      const t = performance.now()
      await page.goto(url)
      await page.locator('#domain-input').waitFor({ state: 'visible' })
      await page.locator('#domain-input').fill('example.com')
      const ms = performance.now() - t
      await context.close()
      return ms
    }
    await measure(app.pageUrl)
    await measure(baseline.pageUrl)
    const appTimes: number[] = []
    const baseTimes: number[] = []
    for (let i = 0; i < RUNS; i++) {
      appTimes.push(await measure(app.pageUrl))
      baseTimes.push(await measure(baseline.pageUrl))
    }
    return { initialJsGzipBytes, appMs: quantile(appTimes, 0.5), baselineMs: quantile(baseTimes, 0.5) }
  } finally {
    await browser.close()
    await app.close()
    await baseline.close()
    await service.dispose()
    rmSync(scratch, { recursive: true, force: true })
  }
}

export function builtRendererExists(): boolean {
  try {
    return readdirSync(join(repo, 'out/renderer/assets')).length > 0
  } catch {
    return false
  }
}
