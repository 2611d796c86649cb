// Step 1 → 2 with the keyboard only: Tab, typing, Enter, arrow keys. No mouse.
import { expect, test, type Page } from '@playwright/test'
import { openApp, resetApp } from './helpers'

async function tabTo(page: Page, isTarget: () => Promise<boolean>, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isTarget()) return
    await page.keyboard.press('Tab')
  }
  throw new Error('Focus never reached the target with Tab.')
}

test('keyboard only: from the domain to step 2', async ({ page }) => {
  await resetApp()
  await openApp(page)

  // The skip link is the first stop and leads to the step.
  await page.keyboard.press('Tab')
  await expect(page.locator('.skip-link')).toBeFocused()

  await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.id)) === 'domain-input')
  await page.keyboard.type('good.test')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('delegation')).toBeVisible()

  // The platform question: a native list, so the arrow key picks the first choice ("I don't know").
  await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.id)) === 'platform-select')
  await page.keyboard.press('ArrowDown')
  await expect(page.locator('#platform-select')).toHaveValue('unknown')
  await expect(page.getByTestId('primary-action')).toBeEnabled()

  await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === 'primary-action')
  await page.keyboard.press('Enter')

  // Focus moves to the new step's heading.
  await expect(page.locator('#step-title')).toBeFocused()
  await expect(page.locator('.step-header__eyebrow')).toContainText('2')

  // And the first field of step 2 is a Tab away.
  await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.id)) === 'paste-box', 5)
})
