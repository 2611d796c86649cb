// Every step in light and dark, English and Chinese: a screenshot for people to look at
// (tests/artifacts/screenshots/), and axe-core with no serious or critical violation.
import { expect, test, type Page } from '@playwright/test'
import { continueStep, doStep1, doStep2, expectStep, openApp, resetApp, screenshot, seriousAxeViolations, waitForVerdict } from './helpers'

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name)
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([])
}

for (const locale of ['en', 'zh-CN'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`every step: ${locale}, ${theme}`, async ({ page }) => {
      // Five steps, two live DNS checks and twelve axe runs: slow on a busy machine.
      test.setTimeout(300_000)
      await resetApp({ locale, theme })
      await openApp(page)
      const tag = `${locale}-${theme}`

      await page.locator('#domain-input').fill('broken.test')
      await check(page, `step1-empty-${tag}`)
      await doStep1(page, 'broken.test')
      await check(page, `step1-${tag}`)
      await continueStep(page)

      await expectStep(page, 2)
      await doStep2(page)
      await check(page, `step2-${tag}`)
      await continueStep(page)

      await expectStep(page, 3)
      await check(page, `step3-${tag}`)
      await continueStep(page)

      await expectStep(page, 4)
      await waitForVerdict(page)
      await page.locator('[data-finding="record.value_quoted"] button[aria-expanded]').click()
      await page.locator('.n-collapse-item__header').first().click()
      await check(page, `step4-${tag}`)
      await continueStep(page)

      await expectStep(page, 5)
      await page.locator('label:has(input[name="validation-level"][value="ov"])').click()
      await page.locator('.n-collapse-item__header').last().click()
      await check(page, `step5-${tag}`)

      await page.getByTestId('open-settings').click()
      await expect(page.getByTestId('settings')).toBeVisible()
      await check(page, `settings-${tag}`)
      await page.keyboard.press('Escape')
      await page.getByTestId('open-sessions').click()
      await expect(page.getByTestId('sessions')).toBeVisible()
      await check(page, `sessions-${tag}`)
    })
  }
}

test('the green path, and a narrow window', async ({ page }) => {
  test.setTimeout(300_000)
  await resetApp()
  await page.setViewportSize({ width: 700, height: 900 })
  await openApp(page)
  await doStep1(page, 'good.test')
  await continueStep(page)
  await doStep2(page)
  await screenshot(page, 'narrow-step2-en-light')
  await continueStep(page)
  await continueStep(page)
  await waitForVerdict(page)
  await check(page, 'narrow-step4-verified-en-light')
  await continueStep(page)
  await check(page, 'narrow-step5-ready-en-light')
})
