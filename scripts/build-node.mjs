#!/usr/bin/env node
/**
 * Builds the plain-Node programs, the `dnsverify` command line and the browser-mode bridge, into
 * out/node/ as bundles that run on node with no TypeScript transpiler at run time:
 *
 *   out/node/dnsverify.cjs           the CLI's entry (bin/dnsverify.js runs it): argument dispatch and usage texts
 *   out/node/commands/<name>.cjs     one bundle per command, loaded when that command runs, so `--help` loads
 *                                    nothing more and `query` only the DNS client (not the diagnosis engine, not zod)
 *   out/node/web.cjs                 the bridge (`npm run web` runs it through scripts/web.mjs)
 *   out/node/meta.json               esbuild's metafile: inputs and outputs, for the staleness check and tests
 *
 * CommonJS, not ES modules, for start-up time: on node 20 the ES module loader, and importing a built-in as an
 * ES module (which reads every export of it), cost about 10 ms of CPU more per `dnsverify query` than require()
 * (measured with bench/cli-start.ts: 1.47× against 1.27× of `node -e 0`). Dependencies are bundled in: resolving
 * packages in node_modules at every start costs more than a few more bytes to read.
 *
 * `npm ci` runs this (the `prepare` script), and so do `npm run build`, `npm run web` and the test setups.
 *
 *   node scripts/build-node.mjs              build
 *   node scripts/build-node.mjs --if-stale   build only when an input is newer than the build or gone
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const NODE_OUT_DIR = join(repo, 'out/node')
const META = join(NODE_OUT_DIR, 'meta.json')
const COMMANDS = ['query', 'trace', 'diagnose']
const ENTRIES = {
  dnsverify: 'src/main/cli/index.ts',
  web: 'src/main/bridge/cli.ts',
  ...Object.fromEntries(COMMANDS.map((name) => [`commands/${name}`, `src/main/cli/commands/${name}.ts`]))
}

/**
 * The CLI entry's `import('./commands/<name>')` stays a separate file: resolved to the command's own bundle
 * (external), which esbuild then loads with require() when the command runs.
 */
const lazyCommands = {
  name: 'dnsverify-lazy-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/commands\/[a-z-]+$/ }, (args) => {
      if (!args.importer.endsWith(join('src', 'main', 'cli', 'index.ts'))) return undefined
      const name = args.path.slice('./commands/'.length)
      if (!COMMANDS.includes(name)) return { errors: [{ text: `${args.path} is not in the COMMANDS list of scripts/build-node.mjs` }] }
      return { path: `./commands/${name}.cjs`, external: true }
    })
  }
}
/** Inputs the metafile does not list but the output depends on. */
const EXTRA_INPUTS = ['package-lock.json', 'scripts/build-node.mjs']

export async function buildNode() {
  // Loaded here, not at the top: the staleness check must stay cheap.
  const esbuild = await import('esbuild')
  rmSync(NODE_OUT_DIR, { recursive: true, force: true })
  const result = await esbuild.build({
    absWorkingDir: repo,
    entryPoints: ENTRIES,
    outdir: NODE_OUT_DIR,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    // import() becomes require(): a lazily loaded command is then one more CommonJS file, not an ES module.
    supported: { 'dynamic-import': false },
    // The sources are ES modules; what they ask of import.meta, CommonJS has under other names.
    define: { 'import.meta.url': '__importMetaUrl', 'import.meta.dirname': '__dirname' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [lazyCommands],
    minifySyntax: true,
    minifyWhitespace: true,
    // Names stay readable, so an internal error's stack trace still says where it happened.
    minifyIdentifiers: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning'
  })
  const { writeFileSync } = await import('node:fs')
  writeFileSync(META, JSON.stringify(result.metafile))
  return result.metafile
}

/** Why the build in out/node cannot be used as it is, or null when it is up to date. */
export function staleReason() {
  if (!existsSync(META)) return 'not built'
  let meta
  try {
    meta = JSON.parse(readFileSync(META, 'utf8'))
  } catch {
    return 'unreadable metafile'
  }
  const builtAt = statSync(META).mtimeMs
  for (const output of Object.keys(meta.outputs)) {
    if (!existsSync(join(repo, output))) return `${output} is missing`
  }
  for (const input of [...Object.keys(meta.inputs), ...EXTRA_INPUTS]) {
    const path = join(repo, input)
    if (!existsSync(path)) return `${input} is gone`
    if (statSync(path).mtimeMs > builtAt) return `${input} changed`
  }
  return null
}

/** Builds when the build is missing or older than any of its inputs; says why it did. */
export async function buildNodeIfStale(log = (line) => process.stderr.write(line + '\n')) {
  const reason = staleReason()
  if (reason === null) return false
  log(`Building out/node (${reason})...`)
  await buildNode()
  return true
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  const ifStale = process.argv.includes('--if-stale')
  const run = ifStale ? buildNodeIfStale() : buildNode()
  run.catch((e) => {
    process.stderr.write(`build-node: ${e?.message ?? e}\n`)
    process.exitCode = 1
  })
}
