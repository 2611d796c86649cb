import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { precompiledMessages } from './scripts/vite-precompiled-messages'
import { precompress } from './scripts/vite-precompress'
import { DEFERRED_MESSAGES, FIRST_SCREEN_MESSAGES } from './src/renderer/src/deferred-messages'
import { contentSecurityPolicyMeta } from './src/main/shell/content-security-policy'

const root = import.meta.dirname
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }

/** Writes the renderer's CSP into index.html as the first <head> tag, from the module main uses for the header. */
function contentSecurityPolicyTag(): Plugin {
  return {
    name: 'dns-verify:csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta() },
        injectTo: 'head-prepend'
      }
    ]
  }
}

/** Naive UI's fallback date locale (date-fns data for date components no screen uses) → a stub that says so. */
function withoutNaiveDateLocale(): Plugin {
  const stub = resolve(root, 'src/renderer/src/shims/naive-date-locale.ts')
  return {
    name: 'dns-verify:naive-date-locale',
    enforce: 'pre',
    resolveId(source, importer) {
      const fromNaive = importer?.replace(/\\/g, '/').includes('/naive-ui/es/_mixins/use-locale')
      return fromNaive && source.endsWith('/locales/date/enUS.mjs') ? stub : null
    }
  }
}

export default defineConfig({
  main: {
    // Output: out/main/index.js, ES module (package.json has "type": "module").
    // Packages listed in package.json "dependencies" stay external (electron-builder ships them in node_modules);
    // anything else main imports, and node: builtins aside, is bundled in.
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src/main/shell/index.ts') } }
    }
  },
  preload: {
    // A sandboxed preload cannot load ES modules nor require anything but a few electron modules, so it is
    // built as one self-contained CommonJS file: out/preload/index.cjs.
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false }
      }
    }
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    resolve: {
      alias: {
        '@shared': resolve(root, 'src/shared'),
        // Code the page would download and never run (see each shim for why).
        '@juggle/resize-observer': resolve(root, 'src/renderer/src/shims/resize-observer.ts')
      }
    },
    plugins: [vue(), contentSecurityPolicyTag(), precompiledMessages(resolve(root, 'src/shared/locales'), {
        split: { file: 'en.json', deferred: DEFERRED_MESSAGES, keep: FIRST_SCREEN_MESSAGES }
      }), withoutNaiveDateLocale(), precompress()],
    define: {
      // Compile-time feature flags: drop what the app does not use from the Vue and vue-i18n bundles.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      // No <i18n-t> component nor v-t directive: useI18n() is all the app uses.
      __VUE_I18N_FULL_INSTALL__: 'false',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      // Locale messages are compiled at build time (scripts/vite-precompiled-messages.ts), so the page needs no
      // message compiler.
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'true'
    },
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
      minify: true,
      // RENDERER_SOURCEMAP=1 npm run build: source maps, to see what each chunk is made of.
      sourcemap: process.env['RENDERER_SOURCEMAP'] === '1',
      reportCompressedSize: true
    }
  }
})
