import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// Unit, fuzz and integration tests. End-to-end tests run under Playwright (tests/e2e), benches
// under `npm run bench`; neither is collected here.
export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@shared': fileURLToPath(new URL('./src/shared', import.meta.url)) } },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real DNS servers and fixture servers bind loopback ports; two cores, so keep workers modest.
    maxWorkers: 2,
    // Tests of the built CLI (tests/integration/cli-built.test.ts) must never run a stale build.
    globalSetup: ['tests/support/build-node.global-setup.ts'],
  }
})
