/** Checks on what the user types, before anything is sent. Each returns a message key under `ui.errors`, or null. */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function isIpv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(':')) return false
  const doubleColons = text.split('::').length - 1
  if (doubleColons > 1) return false
  const groups = text.split(':').filter((group) => group !== '')
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/i.test(group) && !IPV4.test(group))) return false
  return doubleColons === 1 ? groups.length < 8 : groups.length === 8
}

function isPort(text: string): boolean {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535
}

/** `IP`, `IP:port`, `[IPv6]`, `[IPv6]:port`, or a bare IPv6 address. */
export function resolverAddressProblem(text: string): 'resolverEmpty' | 'resolverInvalid' | 'resolverPort' | null {
  const value = text.trim()
  if (value === '') return 'resolverEmpty'
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(value)
  if (bracketed) {
    if (!isIpv6(bracketed[1]!)) return 'resolverInvalid'
    return bracketed[2] === undefined || isPort(bracketed[2]) ? null : 'resolverPort'
  }
  if (isIpv6(value)) return null
  const [host, port, ...rest] = value.split(':')
  if (rest.length > 0 || !IPV4.test(host ?? '')) return 'resolverInvalid'
  return port === undefined || isPort(port) ? null : 'resolverPort'
}

/**
 * Full-width dots (U+3002, U+FF0E, U+FF61, typed by Chinese and Japanese input methods) as '.', the way the engine
 * reads names (src/main/dns/names.ts `toAsciiDots`); kept in step with it until the name rules move to src/shared.
 */
function asciiDots(text: string): string {
  return text.replace(/[\u3002\uff0e\uff61]/g, '.')
}

/** A domain as a person would type it: no scheme, no path, at least one dot; `*.` allowed in front. */
export function domainProblem(text: string): 'domainEmpty' | 'domainUrl' | 'domainInvalid' | null {
  const value = asciiDots(text).trim()
  if (value === '') return 'domainEmpty'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.includes('/')) return 'domainUrl'
  const name = value.replace(/^\*\./, '').replace(/\.$/, '')
  const labels = name.split('.')
  if (labels.length < 2 || labels.some((label) => !/^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]{0,61}[\p{L}\p{N}_])?$/u.test(label))) {
    return 'domainInvalid'
  }
  return null
}

/** `https://www.Example.com/path` → `www.example.com` (and `例子。中国` → `例子.中国`), so a pasted address still works. */
export function cleanDomainInput(text: string): string {
  return asciiDots(text)
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .toLowerCase()
}
