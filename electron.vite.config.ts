import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
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
    resolve: { alias: { '@shared': resolve(root, 'src/shared') } },
    plugins: [vue(), contentSecurityPolicyTag()],
    define: {
      // Compile-time feature flags: drop what the app does not use from the Vue and vue-i18n bundles.
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      // Locale JSON is compiled at run time by vue-i18n's CSP-safe JIT compiler (no eval), so keep the compiler.
      __INTLIFY_DROP_MESSAGE_COMPILER__: 'false'
    },
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
      minify: true,
      reportCompressedSize: true
    }
  }
})
