// The real shell: launch the built app with Playwright's _electron and complete step 1. Skips, saying why, when the
// Electron binary is not installed (node_modules/electron without its download, as on CI machines without a display).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const repo = resolve(import.meta.dirname, '../..')

function electronBinary(): { path: string | null; reason: string } {
  try {
    const require = createRequire(join(repo, 'package.json'))
    const path = require('electron') as unknown as string
    if (typeof path === 'string' && existsSync(path)) return { path, reason: '' }
    return { path: null, reason: `the Electron binary is not installed (expected at ${String(path)}); run "node node_modules/electron/install.js"` }
  } catch (e) {
    return { path: null, reason: `the electron package cannot be loaded: ${(e as Error).message.split('\n')[0]}` }
  }
}

const binary = electronBinary()
const built = existsSync(join(repo, 'out/main/index.js'))

test('Electron shell: the app starts and step 1 completes', async () => {
  test.skip(binary.path === null, `Skipped: ${binary.reason}.`)
  test.skip(!built, 'Skipped: the app is not built (run "npm run build").')
  const app = await electron.launch({
    executablePath: binary.path!,
    args: [join(repo, 'out/main/index.js'), '--no-sandbox'],
    env: { ...process.env, DNSVERIFY_ROOTS: process.env['E2E_ROOT'] ?? '' }
  })
  try {
    const page = await app.firstWindow()
    await expect(page.locator('#step-title')).toBeVisible()
    await page.locator('#domain-input').fill('good.test')
    await page.getByTestId('lookup').click()
    await expect(page.getByTestId('delegation').or(page.getByTestId('domain-not-found'))).toBeVisible({ timeout: 30_000 })
  } finally {
    await app.close()
  }
})
