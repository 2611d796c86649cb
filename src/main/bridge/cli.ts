/**
 * `npm run web`: the app in a browser. Starts the loopback bridge on the built renderer (out/renderer) with the
 * same services the Electron shell uses, prints the address (with its access token) and opens the page in the
 * browser with a one-time launch code instead (the opener's command line is visible to other local users).
 *
 *   --port N          port on 127.0.0.1 (default: a free one)
 *   --root S          root server IP[:port] for iterative resolution, repeatable (labs, offline tests)
 *   --auth-port P     port every authoritative server is asked on (labs)
 *   --data-dir DIR    settings and sessions (default: $DNSVERIFY_DATA_DIR or the per-user app-data folder)
 *   --renderer-dir D  the built renderer (default: out/renderer of this checkout)
 *   --no-open         do not open a browser
 *
 * --root and --auth-port apply to every check of this run, as settings that are not saved.
 */
import { spawn } from 'node:child_process'
import { existsSync, realpathSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseCommandArgs, parseIntegerFlag } from '../cli/args'
import { UsageError } from '../cli/usage-error'
import { parseServerAddress } from '../../shared/server-address'
import { createApiService, type DiagnosisEngine, type SettingsOverrides } from '../services/api-service'
import { defaultDataDir } from '../services/data-dir'
import { localeFromTags } from '../../shared/app-locales'
import { isLocalized } from '../../shared/messages'
import { startBridge, type RunningBridge } from './server'

export const WEB_USAGE = `Usage: npm run web -- [options]

Runs DNS Verify Assistant in your browser, served from 127.0.0.1 only.

Options:
  --port N          port to listen on (default: a free port)
  --root S          root server IP[:port] to resolve from, repeatable (private DNS labs, offline tests)
  --auth-port P     port every authoritative server is asked on (labs)
  --data-dir DIR    where settings and sessions are kept
                    (default: $DNSVERIFY_DATA_DIR, else ~/.config/dns-verify-assistant or the OS equivalent)
  --renderer-dir D  the built renderer (default: out/renderer; "npm run web" builds it first)
  --no-open         print the address without opening a browser
  -h, --help        this help`

export interface WebOptions {
  port: number
  overrides: SettingsOverrides
  dataDir: string
  rendererDir: string
  open: boolean
}

/**
 * This checkout's built renderer (out/renderer), found from this file whether it runs from its source
 * (src/main/bridge) or bundled (out/node/web.cjs): the nearest folder above it with a package.json is the checkout.
 */
export function defaultRendererDir(from: string = import.meta.dirname): string {
  let dir = from
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) return resolve(from, 'out/renderer')
    dir = parent
  }
  return join(dir, 'out/renderer')
}

/** Reads the flags; throws UsageError naming the bad one. */
export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebOptions {
  const { values } = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      root: { type: 'string', multiple: true },
      'auth-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'no-open': { type: 'boolean' }
    },
    0,
    WEB_USAGE
  )
  const roots = (values.root ?? []).map((spec) => {
    try {
      parseServerAddress(spec)
      return spec.trim()
    } catch (e) {
      if (isLocalized(e)) throw new UsageError('cli.inputFlag', { flag: 'root', reason: { messageId: e.messageId, params: e.params } })
      throw e
    }
  })
  const authPort = parseIntegerFlag(values['auth-port'], '--auth-port', 1, 65535)
  const overrides: SettingsOverrides = {}
  if (roots.length > 0) overrides.roots = roots
  if (authPort !== undefined) overrides.authPort = authPort
  const dataDir = values['data-dir']
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('cli.needsFolder', { flag: '--data-dir' })
  return {
    port: parseIntegerFlag(values.port, '--port', 0, 65535) ?? 0,
    overrides,
    dataDir: resolve(dataDir ?? defaultDataDir(env)),
    rendererDir: resolve(values['renderer-dir'] ?? defaultRendererDir()),
    open: values['no-open'] !== true
  }
}

/**
 * The command that opens `url` in the default browser on `platform`. Its argv is visible to every local user
 * (`ps`), and so is the browser's it starts: give it the bridge's launch URL (a one-time code), never the token.
 */
export function browserOpenerCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]]
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
  return ['xdg-open', [url]]
}

/** The opener command for a running bridge: its page with a fresh launch code. */
export function openerCommandFor(bridge: Pick<RunningBridge, 'launchUrl'>, platform: NodeJS.Platform = process.platform): [string, string[]] {
  return browserOpenerCommand(bridge.launchUrl(), platform)
}

/** Runs an opener command; failures (no desktop, no opener) are only a message. */
function openBrowser([command, args]: [string, string[]]): void {
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => process.stderr.write('Could not open a browser; open the address above yourself.\n'))
    child.unref()
  } catch {
    process.stderr.write('Could not open a browser; open the address above yourself.\n')
  }
}

export async function runWeb(argv: string[], engine?: DiagnosisEngine): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(WEB_USAGE + '\n')
    return 0
  }
  let options: WebOptions
  try {
    options = parseWebArgs(argv)
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`dns-verify web: ${e.message}\n`)
      return 2
    }
    throw e
  }
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    process.stderr.write(`dns-verify web: no built renderer in ${options.rendererDir}. Run "npm run build" first (npm run web does).\n`)
    return 1
  }
  const service = createApiService({
    dataDir: options.dataDir,
    engine: engine ?? (await import('../services/default-engine')).defaultEngine,
    defaultLocale: localeFromTags([Intl.DateTimeFormat().resolvedOptions().locale]),
    overrides: options.overrides
  })
  let bridge: RunningBridge
  try {
    bridge = await startBridge({ port: options.port, rendererDir: options.rendererDir, service })
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    const reason = err.code === 'EADDRINUSE' ? `port ${options.port} is already in use` : err.message
    process.stderr.write(`dns-verify web: cannot start: ${reason}.\n`)
    await service.dispose()
    return 1
  }
  process.stdout.write(`DNS Verify Assistant (browser mode): ${bridge.pageUrl}\n`)
  process.stdout.write(`Data folder: ${options.dataDir}\nPress Ctrl+C to stop.\n`)
  if (options.open) openBrowser(openerCommandFor(bridge))

  return new Promise<number>((resolveExit) => {
    let stopping = false
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.exit(130) // a second Ctrl+C: do not wait any longer
      }
      stopping = true
      process.stderr.write(`\nStopping (${signal})...\n`)
      // Whatever is still in flight (a check, a file operation) gets a few seconds, never the power to keep us up.
      const giveUp = setTimeout(() => resolveExit(0), STOP_GRACE_MS)
      giveUp.unref()
      void Promise.allSettled([bridge.close(), service.dispose()]).then(() => {
        clearTimeout(giveUp)
        resolveExit(0)
      })
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** How long stopping may wait for the bridge and the service to close. */
const STOP_GRACE_MS = 5000

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))
if (invokedDirectly) {
  runWeb(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
      // Stopped: if something still holds the event loop (a socket, a stuck file operation), exit anyway.
      setTimeout(() => process.exit(code), 1000).unref()
    },
    (e: unknown) => {
      process.stderr.write(`dns-verify web: internal error: ${(e as Error).stack ?? String(e)}\n`)
      process.exitCode = 3
    }
  )
}
