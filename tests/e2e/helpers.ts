// What the specs share: the bridge's API (to put settings and sessions in a known state), opening the app, walking
// the wizard, axe-core and screenshots.
import { readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { AppSettings, VerificationSession } from '../../src/shared/api'
import { expect, type Page } from '@playwright/test'
import { TOKEN } from './lab-zones'

const repo = resolve(import.meta.dirname, '../..')
export const SCREENSHOT_DIR = join(repo, 'tests/artifacts/screenshots')

function env(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: the specs need tests/e2e/global-setup.ts (run them with npx playwright test).`)
  return value
}

export async function callApi<T>(channel: string, input: unknown = null): Promise<T> {
  const response = await fetch(`${env('E2E_ORIGIN')}/api/${channel}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${env('E2E_TOKEN')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input)
  })
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown }
  if (!body.ok) throw new Error(`${channel}: ${JSON.stringify(body.error)}`)
  return body.value as T
}

/**
 * Settings for the lab: its Unbound as the only resolver (or `resolvers`), short timeouts; no sessions left from
 * another test. With `defaults`, the settings a new user has (system resolver, every public preset, nothing added),
 * as the app ships them; with `resolvers` as well, those are the ones the user added.
 */
export async function resetApp(
  options: { locale?: AppSettings['locale']; theme?: AppSettings['theme']; defaults?: boolean; resolvers?: string[] } = {}
): Promise<void> {
  const current = await callApi<AppSettings>('settings:get')
  const resolvers = options.resolvers ?? (options.defaults ? [] : [env('E2E_RESOLVER')])
  await callApi('settings:set', {
    ...current,
    ...(options.defaults
      ? { presets: PRESET_IDS, includeSystemResolvers: true, timeoutMs: 2000, watchIntervalSeconds: 30 }
      : { presets: [], includeSystemResolvers: false, timeoutMs: 1500, watchIntervalSeconds: 15 }),
    customResolvers: resolvers,
    locale: options.locale ?? 'en',
    theme: options.theme ?? 'light'
  } satisfies AppSettings)
  for (const session of await callApi<VerificationSession[]>('sessions:list')) {
    await callApi('sessions:delete', { id: session.id })
  }
}

/** Every public resolver preset, as a new user's settings have them. */
const PRESET_IDS = ['google', 'cloudflare', 'quad9', 'opendns', 'alidns', 'dnspod', '114dns']

export async function openApp(page: Page): Promise<void> {
  await page.goto(`${env('E2E_ORIGIN')}/?token=${env('E2E_TOKEN')}`)
  await expect(page.locator('#step-title')).toBeVisible()
}

export async function expectStep(page: Page, step: number): Promise<void> {
  await expect(page.locator('.step-header__eyebrow')).toContainText(String(step))
  await expect(page.locator('#step-title')).toBeFocused()
}

export async function continueStep(page: Page): Promise<void> {
  await page.getByTestId('primary-action').click()
}

/** Step 1 for `domain`: look it up, answer "I don't know" to the platform question. */
export async function doStep1(page: Page, domain: string): Promise<void> {
  await page.locator('#domain-input').fill(domain)
  await page.getByTestId('lookup').click()
  await expect(page.getByTestId('delegation')).toBeVisible()
  await page.locator('#platform-select').selectOption('unknown')
  await expect(page.getByTestId('primary-action')).toBeEnabled()
}

export const CA_TEXT = `Host record: _dnsauth\nRecord type: TXT\nRecord value: ${TOKEN}`

/** Step 2 by pasting the CA's text. */
export async function doStep2(page: Page, text = CA_TEXT): Promise<void> {
  await page.getByTestId('paste-box').locator('textarea').fill(text)
  await page.getByTestId('paste-fill').click()
  await expect(page.getByTestId('placements')).toBeVisible()
}

export async function waitForVerdict(page: Page): Promise<string> {
  const verdict = page.getByTestId('verdict')
  await expect(verdict).toBeVisible({ timeout: 90_000 })
  return (await verdict.getAttribute('data-verdict')) ?? ''
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[]
}

/** Serious and critical axe-core violations on the page as it is now, in a readable form. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const source = readFileSync(join(repo, 'node_modules/axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source)
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe
    return axe.run(document, { resultTypes: ['violations'] })
  })
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('\n  ')}`)
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // Let transitions and the countdowns settle so the picture shows the resting state.
  await page.waitForTimeout(400)
  // A window as tall as the page: sticky and fixed parts (the action bar, notifications) then sit where a reader
  // sees them at the end of the page, not half-way down as in a stitched full-page capture.
  const viewport = page.viewportSize() ?? { width: 1100, height: 900 }
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.waitForTimeout(200)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
  await page.setViewportSize(viewport)
}
