import type { Session } from 'electron'
import { contentSecurityPolicyHeader } from './content-security-policy'

// Permissions a page of ours may be granted. Copying a record value to the clipboard is the only one the wizard needs.
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/** Hardens a session once, before any window loads: CSP on every http(s) response, deny-by-default permissions. */
export function applySessionPolicy(session: Session): void {
  const policy = contentSecurityPolicyHeader()
  // Reaches pages served over http(s) (the dev server). The packaged app loads from file://, which has no
  // response headers; there the same policy arrives as the <meta> tag that the build writes into index.html.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } })
  })
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    callback(GRANTED_PERMISSIONS.has(permission))
  })
}
