// A small, strict lint (npm run lint, part of npm test; zero warnings): ESLint's and typescript-eslint's recommended
// and strict rules, Vue's essential rules for SFCs, and a few house rules. Formatting is not linted.
import js from '@eslint/js'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'playwright-report/**',
      'test-results/**',
      'tests/artifacts/**',
      // Planted layering violations, read only by dependency-cruiser.
      'tests/support/layering/**',
      // The Electronegativity scanner's planted insecure window.
      'tests/support/electronegativity-fixture/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...vue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser }
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `noUncheckedIndexedAccess` is on: a `!` after an index says "checked above", which the compiler cannot see.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A leading underscore marks a value left out on purpose (`const { check: _dropped, ...rest } = errors`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // Module augmentation (vue-i18n's DefineLocaleMessage) is an interface that only extends.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'object-shorthand': 'error',
      'vue/component-api-style': ['error', ['script-setup']],
      'vue/block-lang': ['error', { script: { lang: 'ts' } }],
      'vue/no-v-html': 'error',
      'vue/no-unused-refs': 'error',
      'vue/require-explicit-emits': 'error',
      'vue/no-useless-v-bind': 'error'
    }
  },
  {
    // The command line's launcher is CommonJS on purpose (bin/package.json): node starts it faster.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // A global declaration file cannot have a top-level import (it would become a module): `import()` types there.
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }] }
  },
  {
    // The renderer runs in a page: nothing from Node.
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    // Shared code runs on both sides.
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } }
  }
)
