import { defineConfig } from '@playwright/test'

// End-to-end tests: the built renderer (run `npm run build` first) in Debian's Chromium, through browser mode
// (the loopback bridge), against a private DNS lab of real NSD and Unbound servers. tests/e2e/global-setup.ts
// starts both once; the specs share them, so they run one at a time.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1100, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    },
    trace: 'retain-on-failure'
  }
})
