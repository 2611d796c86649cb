import { homedir } from 'node:os'
import { join } from 'node:path'

/** The folder name under the OS's application-data folder; Electron's `userData` uses the same by default. */
export const APP_DATA_NAME = 'dns-verify-assistant'

/**
 * Where browser mode keeps settings and sessions: `$DNSVERIFY_DATA_DIR` when set, else the per-user
 * application-data folder (`$XDG_CONFIG_HOME` or `~/.config` on Linux, `~/Library/Application Support` on macOS,
 * `%APPDATA%` on Windows) plus `dns-verify-assistant`.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  const explicit = env['DNSVERIFY_DATA_DIR']
  if (explicit) return explicit
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DATA_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DATA_NAME)
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_DATA_NAME)
}
