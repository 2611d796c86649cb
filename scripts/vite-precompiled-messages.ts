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
import { basename, join, relative, sep } from 'node:path'
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

type MessageTree = { [key: string]: Messages }

/** The subtree at dotted `path`, or undefined. */
function subtree(messages: MessageTree, path: string): Messages | undefined {
  let node: Messages | undefined = messages
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined
    node = node[part]
  }
  return node
}

/** Sets `value` at dotted `path` in `target`, making the objects on the way. */
function place(target: MessageTree, path: string, value: Messages): void {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as MessageTree
  node[parts.at(-1)!] = value
}

/** Without the subtree at dotted `path` (a copy; `messages` is left as it is). */
function without(messages: MessageTree, path: string): MessageTree {
  const [head, ...rest] = path.split('.')
  if (!(head! in messages)) return messages
  if (rest.length === 0) {
    const { [head!]: _removed, ...others } = messages
    return others
  }
  const copy = { ...messages }
  if (typeof copy[head!] === 'object' && !Array.isArray(copy[head!])) copy[head!] = without(copy[head!] as MessageTree, rest.join('.'))
  return copy
}

export interface MessageSplit {
  /** Subtrees that go to the deferred part. */
  deferred: readonly string[]
  /** Keys inside those subtrees that stay in the first part all the same. */
  keep: readonly string[]
}

/** `messages` in two: what the first screen needs, and the deferred subtrees (less the kept keys). */
export function splitMessages(messages: MessageTree, split: MessageSplit): { first: MessageTree; deferred: MessageTree } {
  let first = messages
  let deferred: MessageTree = {}
  for (const path of split.deferred) {
    const node = subtree(messages, path)
    if (node === undefined) continue
    place(deferred, path, node)
    first = without(first, path)
  }
  for (const path of split.keep) {
    const node = subtree(messages, path)
    if (node === undefined) continue
    place(first, path, node) // `first` holds copies along deferred paths, so this does not touch `messages`
    deferred = without(deferred, path)
  }
  return { first, deferred }
}

export interface PrecompiledMessagesOptions {
  /**
   * One locale file (by name, `en.json`) served in two parts: importing it gives the first part, importing it with
   * `?deferred` the rest. Every other file, and this one in tests (no plugin), is whole.
   */
  split?: MessageSplit & { file: string }
}

export function precompiledMessages(localesDir: string, options: PrecompiledMessagesOptions = {}): Plugin {
  const inLocales = (path: string): boolean => path.startsWith(localesDir + sep) && path.endsWith('.json')
  return {
    name: 'dns-verify:precompiled-messages',
    enforce: 'pre',
    async resolveId(source, importer, resolveOptions) {
      const [bare, query] = source.split('?')
      if (!bare!.endsWith('.json')) return null
      const resolved = await this.resolve(bare!, importer, { ...resolveOptions, skipSelf: true })
      if (!resolved || !inLocales(resolved.id)) return null
      return PREFIX + resolved.id + (query === 'deferred' ? '.deferred' : '') + SUFFIX
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null
      let path = id.slice(PREFIX.length, -SUFFIX.length)
      const wantsDeferred = path.endsWith('.deferred')
      if (wantsDeferred) path = path.slice(0, -'.deferred'.length)
      this.addWatchFile(path)
      const file = relative(join(localesDir, '../../..'), path)
      let messages = JSON.parse(await readFile(path, 'utf8')) as MessageTree
      const split = options.split
      if (split && basename(path) === split.file) {
        const parts = splitMessages(messages, split)
        messages = wantsDeferred ? parts.deferred : parts.first
      } else if (wantsDeferred) {
        messages = {} // nothing deferred for a file that is not split: it came whole
      }
      return { code: `export default ${JSON.stringify(compileMessages(messages, [], file))}`, map: null }
    }
  }
}
