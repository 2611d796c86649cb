// The renderer's Content-Security-Policy, in one place. It reaches the page two ways:
// - as a <meta http-equiv> tag that electron.vite.config.ts writes into index.html at build and dev time
//   (the packaged app loads the page from file://, where there are no response headers to set);
// - as a response header that window.ts adds to http(s) responses (the dev server; later the browser-mode bridge).
// Pure module: no `electron`, so the build config and other adapters can import it.

const directives: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Naive UI styles its components at run time: css-render inserts <style> elements, which needs
  // 'unsafe-inline' for styles. Scripts stay strict; inline styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  // 'self' also covers the dev server's HMR WebSocket and, later, fetch/SSE to the loopback bridge.
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"]
}

// Browsers ignore frame-ancestors when it arrives in a <meta> tag (and warn about it), so it is only sent as a header.
const headerOnlyDirectives: Readonly<Record<string, readonly string[]>> = {
  'frame-ancestors': ["'none'"]
}

function serialize(table: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(table).map(([name, sources]) => `${name} ${sources.join(' ')}`)
}

/** The policy for the `Content-Security-Policy` response header. */
export function contentSecurityPolicyHeader(): string {
  return [...serialize(directives), ...serialize(headerOnlyDirectives)].join('; ')
}

/** The policy for `<meta http-equiv="Content-Security-Policy">`: the header policy less what meta tags cannot carry. */
export function contentSecurityPolicyMeta(): string {
  return serialize(directives).join('; ')
}
