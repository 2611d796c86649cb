// Where the window may navigate, and which links the app may hand to the user's browser. A link that is not on the
// allow-list is dropped: a compromised or confused page must not be able to launch arbitrary URLs or schemes
// (file:, smb:, custom protocol handlers) through shell.openExternal.
// Pure module: no `electron`, so it can be unit-tested and reused by other adapters.

import providerCatalog from '../diagnosis/catalogs/providers.json'

/** Sites the wizard links to. A host allows itself and its subdomains. Extend as the UI gains links. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'letsencrypt.org', // CA documentation and community forum
  'letsdebug.net', // independent ACME DNS diagnosis
  'rfc-editor.org', // RFCs (CAA, DNS negative caching)
  'ietf.org'
]

/**
 * The DNS consoles step 3 links to ("Open the … console"), taken from the provider catalog so a new
 * provider's link works without a second list to keep in step. Only the exact host of each console URL.
 */
export const CONSOLE_LINK_HOSTS: readonly string[] = [
  ...new Set(
    providerCatalog.providers.flatMap((p: { console: { consoleUrl?: string } }) =>
      p.console.consoleUrl ? [new URL(p.console.consoleUrl).hostname.toLowerCase()] : []
    )
  )
]

// https only: a plain-http link could be rewritten on the way by anyone on the user's network.
const EXTERNAL_LINK_PROTOCOLS: readonly string[] = ['https:']

/** Whether `url` may be opened in the user's browser: https, no credentials, host on the allow-list. */
export function isAllowedExternalUrl(url: string, hosts: readonly string[] = [...EXTERNAL_LINK_HOSTS, ...CONSOLE_LINK_HOSTS]): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (!EXTERNAL_LINK_PROTOCOLS.includes(parsed.protocol)) return false
  if (parsed.username !== '' || parsed.password !== '') return false
  const hostname = parsed.hostname.toLowerCase().replace(/\.$/, '')
  return hosts.some((host) => hostname === host || hostname.endsWith(`.${host}`))
}

/**
 * Whether `url` is the app's own page, given `appUrl` (the dev server URL, or the file: URL of index.html).
 * Over http(s) any path on the same origin counts; over file: only the very same file does.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL
  let app: URL
  try {
    target = new URL(url)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname
  return target.origin === app.origin
}
