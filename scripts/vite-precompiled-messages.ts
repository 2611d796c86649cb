/**
 * Vite plugin: the renderer's locale files (src/shared/locales/*.json) compiled at build time into vue-i18n's
 * message AST, the form its runtime formats without the message compiler. The renderer build can then set
 * __INTLIFY_DROP_MESSAGE_COMPILER__ and leave the compiler out of the bundle, and nothing is compiled in the
 * page (the AST is evaluated, never turned into code with eval or new Function, so the CSP needs no
 * 'unsafe-eval'). What @intlify/unplugin-vue-i18n does for JSON resources, without its dependency tree.
 *
 * A message that does not compile fails the build, naming the file and the key.
 */
import { readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { baseCompile } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

type Messages = string | Messages[] | { [key: string]: Messages }

/** Compiled modules get ids of their own, not ending in `.json`, so Vite's JSON plugin leaves them alone. */
const PREFIX = '\0dns-verify-messages:'
const SUFFIX = '.js'

export function compileMessages(value: Messages, path: string[], file: string): unknown {
  if (typeof value === 'string') {
    const problems: string[] = []
    const { ast } = baseCompile(value, {
      jit: true,
      location: false,
      minify: true,
      onError: (error) => problems.push(error.message)
    })
    if (problems.length > 0) throw new Error(`${file}: ${path.join('.')}: ${problems.join('; ')} in ${JSON.stringify(value)}`)
    return ast
  }
  if (Array.isArray(value)) return value.map((item, i) => compileMessages(item, [...path, String(i)], file))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compileMessages(item, [...path, key], file)]))
  }
  throw new Error(`${file}: ${path.join('.')}: a message must be text, not ${JSON.stringify(value)}`)
}

export function precompiledMessages(localesDir: string): Plugin {
  const inLocales = (path: string): boolean => path.startsWith(localesDir + sep) && path.endsWith('.json')
  return {
    name: 'dns-verify:precompiled-messages',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved && inLocales(resolved.id) ? PREFIX + resolved.id + SUFFIX : null
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null
      const path = id.slice(PREFIX.length, -SUFFIX.length)
      this.addWatchFile(path)
      const file = relative(join(localesDir, '../../..'), path)
      const messages = JSON.parse(await readFile(path, 'utf8')) as Messages
      return { code: `export default ${JSON.stringify(compileMessages(messages, [], file))}`, map: null }
    }
  }
}
