import { defineConfig } from '@playwright/test'

// The `_electron` specs alone, for machines where the Electron binary is installed (the release workflow on Windows,
// macOS and Linux; `npm run test:electron` locally). Unlike playwright.config.ts there is no global setup: the specs
// start their own DNS tree in-process on 127.0.0.1 (tests/support/loopback-dns.ts), since the NSD/Unbound lab needs
// Linux and root. Build first (`npm run build`).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: 'electron.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure' }
})
