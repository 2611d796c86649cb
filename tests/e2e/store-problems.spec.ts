// A saved domain the app cannot read any more (a crash mid-write, a bad disk): the app still starts, says once what
// was lost and where the copy is, and never again once told.
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { openApp, resetApp, screenshot } from './helpers'

test('a damaged saved domain is told once: what was lost and where the copy is', async ({ page }) => {
  await resetApp()
  const dataDir = process.env['E2E_DATA_DIR']
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: the spec needs tests/e2e/global-setup.ts.')
  const sessions = join(dataDir, 'sessions')
  mkdirSync(sessions, { recursive: true })
  writeFileSync(join(sessions, 'e2e-damaged.json'), '{"format": 1, "session": {"id": "e2e-dam')

  await openApp(page)
  const notice = page.locator('[data-testid="store-problems"] [data-kind="session"]')
  await expect(notice).toBeVisible()
  await expect(notice).toContainText('A saved domain could not be read')
  const copy = readdirSync(sessions).find((name) => name.startsWith('e2e-damaged.json.corrupt-'))
  expect(copy, 'the damaged file was kept aside').toBeDefined()
  await expect(notice.getByTestId('moved-to')).toHaveText(join(sessions, copy!))
  // The step is still there to use.
  await expect(page.locator('#domain-input')).toBeEditable()
  await screenshot(page, 'store-problem-en-light')

  // Told once: after a reload the app asks again (at start and after reading the saved domains), and hears nothing.
  let asked = 0
  page.on('response', (response) => {
    if (response.url().endsWith('/api/store:problems')) asked++
  })
  await page.reload()
  await expect(page.locator('#step-title')).toBeVisible()
  await expect.poll(() => asked).toBe(2)
  await expect(page.getByTestId('store-problems')).toHaveCount(0)
})
