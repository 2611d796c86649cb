// Renders resources/icon.svg to resources/icon.png (512x512, transparent corners) with headless Chromium.
// Run after editing the SVG: `node resources/render-icon.mjs` (CHROMIUM_PATH overrides /usr/bin/chromium).
import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const here = import.meta.dirname
const svg = readFileSync(`${here}/icon.svg`, 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 })
  await page.setContent(`<body style="margin:0">${svg}</body>`)
  await page.locator('svg').screenshot({ path: `${here}/icon.png`, omitBackground: true })
} finally {
  await browser.close()
}
