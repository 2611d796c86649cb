// The verdict a new user gets, with the settings the app ships (no resolver configured before the first check):
// resolvers that cannot see the lab's domains never hold a correct record back, and step 4 leads with the verdict
// and the problem, one card per cause, at the window sizes people use.
import { expect, test, type Page } from '@playwright/test'
import { continueStep, doStep1, doStep2, expectStep, openApp, resetApp, screenshot, waitForVerdict } from './helpers'
import { BLIND_RESOLVERS, LAB_RESOLVER } from './lab-zones'

/** Walks steps 1–3 for `domain` and lands on step 4 with its first verdict. */
async function checkDomain(page: Page, domain: string): Promise<string> {
  await doStep1(page, domain)
  await continueStep(page)
  await expectStep(page, 2)
  await doStep2(page)
  await continueStep(page)
  await expectStep(page, 3)
  await continueStep(page)
  await expectStep(page, 4)
  return waitForVerdict(page)
}

/** Every request the page made that failed (4xx/5xx), to catch a missing favicon or asset. */
function failedRequests(page: Page): string[] {
  const failed: string[] = []
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  return failed
}

test('default settings: a correct record is verified from the domain\'s own servers, the settings say why', async ({ page }) => {
  await resetApp({ defaults: true })
  const failed = failedRequests(page)
  await openApp(page)
  expect(await checkDomain(page, 'good.test')).toBe('verified')
  await expect(page.locator('[data-finding="record.ok"]')).toBeVisible()
  await expect(page.locator('[data-finding^="propagation."]')).toHaveCount(0)
  await continueStep(page)
  await expectStep(page, 5)
  await expect(page.getByTestId('readiness-gate')).toHaveAttribute('data-ready', 'true')
  // With the lab's roots, the settings tell why the public resolvers are not asked.
  await page.getByTestId('open-settings').click()
  await expect(page.getByTestId('lab-roots-note')).toBeVisible()
  expect(failed).toEqual([])
})

test('a resolver that sees the domain and one that answers NXDOMAIN without an SOA: verified, green gate', async ({ page }) => {
  await resetApp({ defaults: true, resolvers: [LAB_RESOLVER, BLIND_RESOLVERS[0]!] })
  await openApp(page)
  expect(await checkDomain(page, 'good.test')).toBe('verified')
  const view = page.locator('[data-finding="resolver.different_view"]')
  await expect(view).toHaveCount(1)
  await expect(view).toContainText(BLIND_RESOLVERS[0]!)
  await expect(page.locator('[data-finding^="propagation."]')).toHaveCount(0)
  await expect(page.getByTestId('resolver-table')).toContainText('Cannot see your domain')
  await continueStep(page)
  await expect(page.getByTestId('readiness-gate')).toHaveAttribute('data-ready', 'true')
})

for (const locale of ['en', 'zh-CN'] as const) {
  test(`step 4 leads with the verdict and the problem, one card per cause (${locale})`, async ({ page }) => {
    test.setTimeout(240_000)
    const resolvers = [LAB_RESOLVER, ...BLIND_RESOLVERS]
    const heights: string[] = []
    for (const [width, height] of [
      [1280, 800],
      [800, 600]
    ] as const) {
      await page.setViewportSize({ width, height })

      // A correct record checked through the lab's resolver and four that cannot see the domain: one card for
      // the four, listing them all, and the good news; nothing to wait for.
      await resetApp({ defaults: true, locale, resolvers })
      await openApp(page)
      expect(await checkDomain(page, 'good.test')).toBe('verified')
      const view = page.locator('[data-finding="resolver.different_view"]')
      await expect(view).toHaveCount(1)
      for (const r of BLIND_RESOLVERS) await expect(view).toContainText(r)
      expect(await sectionsShown(page)).toEqual(['warnings', 'good', 'info'])
      heights.push(`verified ${width}x${height}: ${await pageHeight(page)} px`)
      await screenshot(page, `step4-verified-${locale}-${width}x${height}`)

      // The quoted record: the verdict and the first problem above the fold, problems before anything else.
      await resetApp({ defaults: true, locale, resolvers })
      await openApp(page)
      expect(await checkDomain(page, 'broken.test')).toBe('action_needed')
      expect(await sectionsShown(page)).toEqual(['problems', 'info'])
      const firstProblem = page.locator('[data-section="problems"] [data-finding]').first()
      await expect(firstProblem).toHaveAttribute('data-finding', 'record.value_quoted')
      await page.evaluate(() => window.scrollTo(0, 0))
      if (width === 1280) {
        const verdictBox = (await page.getByTestId('verdict').boundingBox())!
        const problemTitle = (await firstProblem.locator('h3').boundingBox())!
        expect(verdictBox.y + verdictBox.height).toBeLessThanOrEqual(height)
        expect(problemTitle.y + problemTitle.height, 'the first problem is above the fold').toBeLessThanOrEqual(height)
        await page.screenshot({ path: `tests/artifacts/screenshots/step4-fold-${locale}-${width}x${height}.png` })
      }
      heights.push(`problem ${width}x${height}: ${await pageHeight(page)} px`)
      await screenshot(page, `step4-problem-${locale}-${width}x${height}`)
    }
    console.info(`step 4 height (${locale}): ${heights.join(', ')}`)
  })
}

async function sectionsShown(page: Page): Promise<(string | null)[]> {
  return page.locator('[data-section]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')))
}

async function pageHeight(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollHeight)
}

test('the platform picker finds a platform by any of its names', async ({ page }) => {
  await resetApp({ locale: 'zh-CN' })
  await openApp(page)
  await page.locator('#domain-input').fill('good.test')
  await page.getByTestId('lookup').click()
  await expect(page.getByTestId('delegation')).toBeVisible()
  await page.getByTestId('platform-search').locator('input').fill('阿里云')
  await expect(page.locator('#platform-select')).toHaveValue('alibaba')
  await page.getByTestId('platform-search').locator('input').fill('aws')
  await expect(page.locator('#platform-select')).toHaveValue('route53')
  // A typo narrows the list to the close names.
  await page.getByTestId('platform-search').locator('input').fill('cloudfare')
  await expect(page.locator('#platform-select option[value="cloudflare"]')).toHaveCount(1)
  await expect(page.locator('#platform-select option[value="godaddy"]')).toHaveCount(0)
})
