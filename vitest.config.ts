import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

/**
 * The built renderer gets English in two parts (scripts/vite-precompiled-messages.ts): the first screen's
 * messages, and `en.json?deferred` for the rest. Tests import the locale files whole, so the rest is empty here.
 */
function wholeLocaleFiles(): Plugin {
  const id = '\0dns-verify:empty-deferred-messages'
  return {
    name: 'dns-verify:whole-locale-files',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('.json?deferred') ? id : null),
    load: (loaded) => (loaded === id ? 'export default {}' : null)
  }
}

// Unit, fuzz and integration tests. End-to-end tests run under Playwright (tests/e2e), benches
// under `npm run bench`; neither is collected here.
export default defineConfig({
  plugins: [vue(), wholeLocaleFiles()],
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
