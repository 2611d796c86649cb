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

// The lab's name servers belong to no known platform, so the "your DNS is elsewhere" screen is shown with a
// delegation answer as the real engine gives it for a Cloudflare-hosted domain.
for (const [locale, theme] of [
  ['en', 'light'],
  ['zh-CN', 'dark']
] as const) {
  test(`step 1 when the DNS is at another platform than the user thinks: ${locale}, ${theme}`, async ({ page }) => {
    await resetApp({ locale, theme })
    // Asked with the platform the user names, the engine also says whether that platform holds the zone too.
    await page.route('**/api/dns:delegation', (route) => {
      const platform = (route.request().postDataJSON() as { platform?: string }).platform
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          ok: true,
          value: {
            domain: 'example.com',
            zone: 'example.com',
            nameservers: ['amy.ns.cloudflare.com', 'bob.ns.cloudflare.com'],
            provider: { id: 'cloudflare', name: 'Cloudflare' },
            problem: null,
            atPlatform: platform ? { platform, nameservers: ['dns7.hichina.com', 'dns8.hichina.com'], zoneFound: true } : null
          }
        })
      })
    })
    await openApp(page)
    await page.locator('#domain-input').fill('example.com')
    await page.getByTestId('lookup').click()
    await page.locator('#platform-select').selectOption('alibaba')
    await expect(page.getByTestId('platform-mismatch')).toBeVisible()
    await expect(page.getByTestId('zone-at-platform')).toContainText('amy.ns.cloudflare.com, bob.ns.cloudflare.com')
    await expect(page.getByTestId('primary-action')).toBeDisabled()
    await check(page, `step1-mismatch-${locale}-${theme}`)
    await page.locator('label:has(input[name="platform-decision"][value="move_dns"])').click()
    await expect(page.getByTestId('primary-action')).toBeDisabled()
    await check(page, `step1-mismatch-move-${locale}-${theme}`)
    await page.locator('label:has(input[name="platform-decision"][value="add_at_dns_host"])').click()
    await expect(page.getByTestId('primary-action')).toBeEnabled()
    await continueStep(page)
    await expectStep(page, 2)
  })
}
