// A multi-domain order in Chromium against the DNS lab: the CA's table pasted in step 2 fills a row per domain
// (each with its own host and value), step 3 says what to add for each, and step 4 shows one status per record:
// all in place → verified; one missing → action needed, naming that record.
import { expect, test, type Page } from '@playwright/test'
import { continueStep, doStep1, expectStep, openApp, resetApp, screenshot, seriousAxeViolations, waitForVerdict } from './helpers'
import { ORDER_TOKENS, orderText } from './lab-zones'

/** Step 2 by pasting the order's table, as a real paste: the rows fill in on the paste event. */
async function pasteOrder(page: Page, apex: string): Promise<void> {
  const box = page.getByTestId('paste-box').locator('textarea')
  await box.focus()
  await box.evaluate((element, text) => {
    const area = element as HTMLTextAreaElement
    area.value = text
    area.dispatchEvent(new Event('input', { bubbles: true }))
    area.dispatchEvent(new ClipboardEvent('paste', { bubbles: true }))
  }, orderText(apex))
  await expect(page.getByTestId('paste-result')).toHaveAttribute('data-records', '3')
}

async function recordVerdicts(page: Page): Promise<(string | null)[]> {
  return page.locator('[data-testid="record-status"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')))
}

for (const locale of ['en', 'zh-CN'] as const) {
  test(`a multi-domain order, every record in place: a row per domain, one status per record, verified (${locale})`, async ({ page }) => {
    test.setTimeout(180_000)
    await resetApp({ locale })
    await page.setViewportSize({ width: 1280, height: 800 })
    await openApp(page)
    await doStep1(page, 'order.test')
    await continueStep(page)

    await expectStep(page, 2)
    await pasteOrder(page, 'order.test')
    const rows = page.locator('[data-testid="record-table"] tbody tr')
    await expect(rows).toHaveCount(3)
    await expect(page.locator('#record-1-domain')).toHaveValue('shop.order.test')
    await expect(page.locator('#record-1-host')).toHaveValue('_dnsauth.shop')
    await expect(page.locator('#record-2-value')).toHaveValue(ORDER_TOKENS.blog)
    await expect(page.locator('input[name="certificate-kind"][value="multi"]')).toBeChecked()
    const placements = page.getByTestId('placements')
    for (const name of ['_dnsauth.order.test', '_dnsauth.shop.order.test', '_dnsauth.blog.order.test']) await expect(placements).toContainText(name)
    await screenshot(page, `order-step2-${locale}-light`)
    expect(await seriousAxeViolations(page), 'axe on step 2 with a row per domain').toEqual([])
    await page.setViewportSize({ width: 800, height: 600 })
    await screenshot(page, `order-step2-${locale}-light-800x600`)
    await page.setViewportSize({ width: 1280, height: 800 })
    await continueStep(page)

    await expectStep(page, 3)
    for (const [name, token] of [
      ['_dnsauth.order.test', ORDER_TOKENS.apex],
      ['_dnsauth.shop.order.test', ORDER_TOKENS.shop],
      ['_dnsauth.blog.order.test', ORDER_TOKENS.blog]
    ] as const) {
      await expect(page.getByTestId(`record-${name}`).getByTestId('field-value')).toContainText(token)
    }
    await expect(page.getByTestId('record-_dnsauth.shop.order.test').getByTestId('field-host')).toContainText('_dnsauth.shop')
    await screenshot(page, `order-step3-${locale}-light`)
    await continueStep(page)

    await expectStep(page, 4)
    expect(await waitForVerdict(page)).toBe('verified')
    await expect(page.locator('[data-testid="record-status"] tbody tr')).toHaveCount(3)
    expect(await recordVerdicts(page)).toEqual(['verified', 'verified', 'verified'])
    await expect(page.getByTestId('auth-table')).not.toContainText(locale === 'en' ? 'Different value' : '记录值不同')
    await screenshot(page, `order-step4-${locale}-light`)
    expect(await seriousAxeViolations(page), 'axe on step 4 with a status per record').toEqual([])
    await page.setViewportSize({ width: 800, height: 600 })
    await screenshot(page, `order-step4-${locale}-light-800x600`)
    await continueStep(page)

    await expectStep(page, 5)
    await expect(page.getByTestId('readiness-gate')).toHaveAttribute('data-ready', 'true')
    await expect(page.locator('[data-testid="gate-records"] li[data-passed="true"]')).toHaveCount(3)
  })
}

test('a multi-domain order with one record missing: action needed, naming that record; the others in place', async ({ page }) => {
  test.setTimeout(120_000)
  await resetApp()
  await page.setViewportSize({ width: 1280, height: 800 })
  await openApp(page)
  await doStep1(page, 'partorder.test')
  await continueStep(page)
  await pasteOrder(page, 'partorder.test')
  await continueStep(page)
  await continueStep(page)
  await expectStep(page, 4)
  expect(await waitForVerdict(page)).toBe('action_needed')
  expect(await recordVerdicts(page)).toEqual(['verified', 'action_needed', 'verified'])
  const missing = page.locator('[data-section="problems"] [data-finding="record.missing"]')
  await expect(missing).toHaveCount(1)
  await expect(missing).toContainText('_dnsauth.shop.partorder.test')
  await expect(missing.getByTestId('finding-about')).toHaveText('For shop.partorder.test')
  // The verdict, the record that needs action and the problem are where the eye lands first.
  const problemTitle = (await missing.locator('h3').boundingBox())!
  expect(problemTitle.y + problemTitle.height, 'the problem is above the fold').toBeLessThanOrEqual(800)
  await screenshot(page, 'order-step4-missing-en-light')
  await continueStep(page)
  await expect(page.getByTestId('readiness-gate')).toHaveAttribute('data-ready', 'false')
  await expect(page.locator('[data-testid="gate-records"] li[data-passed="false"]')).toContainText('_dnsauth.shop.partorder.test')
  await expect(page.getByTestId('cleanup')).toContainText('_dnsauth.blog.partorder.test')
})
