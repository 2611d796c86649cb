// The five steps in Chromium against the DNS lab: a correct record reaches the green gate; a record saved with
// literal quotes gets the record.value_quoted card and its fix, in English and in Chinese.
import { expect, test } from '@playwright/test'
import { continueStep, doStep1, doStep2, expectStep, openApp, resetApp, waitForVerdict } from './helpers'
import { TOKEN } from './lab-zones'

test.describe('wizard against the DNS lab', () => {
  test('a correct record: all five steps, to the green readiness gate', async ({ page }) => {
    await resetApp()
    await openApp(page)

    // 1. Where the DNS is: the lab's name servers, an unknown platform, "I don't know".
    await doStep1(page, 'good.test')
    await expect(page.getByTestId('delegation')).toContainText('ns1.good.test')
    await expect(page.getByTestId('delegation')).toContainText('ns2.good.test')
    await continueStep(page)

    // 2. What to add, pasted from the CA.
    await expectStep(page, 2)
    await doStep2(page)
    await expect(page.locator('#host-input')).toHaveValue('_dnsauth')
    await expect(page.locator('#value-input')).toHaveValue(TOKEN)
    await expect(page.getByTestId('placements')).toContainText('_dnsauth.good.test')
    await continueStep(page)

    // 3. The record, field by field, for an unknown platform.
    await expectStep(page, 3)
    await expect(page.getByTestId('field-value')).toContainText(TOKEN)
    await expect(page.getByTestId('field-ttl')).toContainText('300')
    await expect(page.getByTestId('leftover-warning')).toBeVisible()
    await continueStep(page)

    // 4. The live check.
    await expectStep(page, 4)
    expect(await waitForVerdict(page)).toBe('verified')
    await expect(page.getByTestId('auth-table')).toContainText('ns1.good.test')
    await expect(page.getByTestId('auth-table')).toContainText(TOKEN)
    await expect(page.getByTestId('resolver-table')).toContainText('127.70.53.1')
    await expect(page.locator('[data-finding="record.ok"]')).toBeVisible()
    // Everything green: the watch ends by itself and says so.
    await expect(page.getByTestId('watch-ended')).toBeVisible()
    await page.getByText('Check it yourself with nslookup').click()
    await expect(page.getByTestId('nslookup-windows').first()).toHaveText('nslookup -q=TXT _dnsauth.good.test')
    await expect(page.getByTestId('nslookup-windows').nth(1)).toHaveText('nslookup -q=TXT _dnsauth.good.test 127.70.53.1')
    await continueStep(page)

    // 5. The gate is green; the advice, the CA messages and the clean-up reminder are there.
    await expectStep(page, 5)
    await expect(page.getByTestId('readiness-gate')).toHaveAttribute('data-ready', 'true')
    await expect(page.getByTestId('readiness-gate')).toContainText('Ready')
    await page.getByText('Domain validation (DV)').click()
    await expect(page.getByTestId('advice')).toContainText('click Verify')
    await page.getByText('DNS verification failed').click()
    await expect(page.getByText('Domain not licensed or real-name authentication missing.')).toBeVisible()
    await expect(page.getByTestId('cleanup')).toContainText('_dnsauth.good.test')

    // The report: rendered by the main process, downloadable.
    const download = page.waitForEvent('download')
    await page.getByTestId('report-save').click()
    expect((await download).suggestedFilename()).toMatch(/^dns-verification-good\.test-.*\.md$/)
  })

  for (const [locale, title, fixStart] of [
    ['en', 'The value has extra quote marks', 'Remove the quote marks at the start and the end'],
    ['zh-CN', null, null]
  ] as const) {
    test(`a record saved with quote marks: the finding and its fix (${locale})`, async ({ page }) => {
      await resetApp({ locale })
      await openApp(page)
      await doStep1(page, 'broken.test')
      await continueStep(page)
      await doStep2(page)
      await continueStep(page)
      await continueStep(page)
      expect(await waitForVerdict(page)).toBe('action_needed')
      const card = page.locator('[data-finding="record.value_quoted"]')
      await expect(card).toBeVisible()
      // The card comes first: errors sort before everything else.
      await expect(page.locator('[data-finding]').first()).toHaveAttribute('data-finding', 'record.value_quoted')
      await expect(card).toContainText('_dnsauth.broken.test')
      await expect(card).toContainText(`"${TOKEN}"`)
      // Not green yet: the next automatic check counts down.
      await expect(page.getByTestId('next-check')).toContainText(/\d+/)
      const messages = (await import(`../../src/shared/locales/${locale}.json`, { with: { type: 'json' } })).default as {
        findings: { record: { value_quoted: { title: string; fix: string } } }
      }
      const expectedTitle = title ?? messages.findings.record.value_quoted.title
      const expectedFix = fixStart ?? messages.findings.record.value_quoted.fix.split('\n')[1]!.slice(0, 12)
      await expect(card.locator('h3')).toHaveText(expectedTitle)
      await expect(card.locator('.finding__fix')).toContainText(expectedFix)
      if (locale === 'zh-CN') await expect(card.locator('h3')).toHaveText(/[\u4e00-\u9fff]/)
      // Evidence on demand.
      await card.locator('button[aria-expanded]').click()
      await expect(card.locator('.finding__evidence-list')).toBeVisible()
      await continueStep(page)
      await expect(page.getByTestId('readiness-gate')).toHaveAttribute('data-ready', 'false')
    })
  }

  test('a domain that does not exist is explained in step 1', async ({ page }) => {
    await resetApp()
    await openApp(page)
    await page.locator('#domain-input').fill('missing.test')
    await page.getByTestId('lookup').click()
    await expect(page.getByTestId('domain-not-found')).toContainText('Your domain cannot be found in DNS')
    await expect(page.getByTestId('primary-action')).toBeDisabled()
  })
})
