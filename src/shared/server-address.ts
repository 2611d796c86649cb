/**
 * Server addresses as a person types them (`IP`, `IP:port`, `[IPv6]`, `[IPv6]:port`), for the engine, the CLI
 * and the settings form alike. Pure: the IP grammar is the one `node:net`'s `isIP` uses, written out so the
 * renderer reads addresses exactly as the main process does.
 */
import type { ServerAddress } from './dns-types'
import { LocalizedError } from './messages'

/** A server address string that cannot be parsed. */
export class InvalidServerError extends LocalizedError {
  override name = 'InvalidServerError'
}

export const DNS_PORT = 53

const V4_SEG = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])'
const V4 = `(?:${V4_SEG}\\.){3}${V4_SEG}`
const V6_SEG = '(?:[0-9a-fA-F]{1,4})'
const IPV4 = new RegExp(`^${V4}$`)
const IPV6 = new RegExp(
  '^(?:' +
    `(?:${V6_SEG}:){7}(?:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){6}(?:${V4}|:${V6_SEG}|:)|` +
    `(?:${V6_SEG}:){5}(?::${V4}|(?::${V6_SEG}){1,2}|:)|` +
    `(?:${V6_SEG}:){4}(?:(?::${V6_SEG}){0,1}:${V4}|(?::${V6_SEG}){1,3}|:)|` +
    `(?:${V6_SEG}:){3}(?:(?::${V6_SEG}){0,2}:${V4}|(?::${V6_SEG}){1,4}|:)|` +
    `(?:${V6_SEG}:){2}(?:(?::${V6_SEG}){0,3}:${V4}|(?::${V6_SEG}){1,5}|:)|` +
    `(?:${V6_SEG}:){1}(?:(?::${V6_SEG}){0,4}:${V4}|(?::${V6_SEG}){1,6}|:)|` +
    `(?::(?:(?::${V6_SEG}){0,5}:${V4}|(?::${V6_SEG}){1,7}|:))` +
    ')(?:%[0-9a-zA-Z-.:]{1,})?$'
)

/** 4 or 6 for an IP literal (IPv6 may carry a zone, `fe80::1%eth0`), 0 for anything else; as `net.isIP`. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4
  if (IPV6.test(text)) return 6
  return 0
}

/**
 * Parses `IP`, `IP:port`, `[IPv6]` or `[IPv6]:port`. A bare IPv6 literal (several colons) has no port.
 * Host names are refused on purpose: the user picks a server by address, and resolving its name would
 * itself need DNS.
 */
export function parseServerAddress(input: string, defaultPort = DNS_PORT): ServerAddress {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidServerError('server.empty')
  const text = input.trim()
  let host: string
  let portText: string | undefined
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text)
  if (bracketed) {
    host = bracketed[1]!
    portText = bracketed[2]
  } else if ((text.match(/:/g) ?? []).length === 1) {
    const at = text.indexOf(':')
    host = text.slice(0, at)
    portText = text.slice(at + 1)
  } else {
    host = text
  }
  const family = ipFamily(host)
  if (family === 0) throw new InvalidServerError('server.notIp', { input })
  if (bracketed && family !== 6) throw new InvalidServerError('server.bracketsV4', { input })
  const port = portText === undefined ? defaultPort : parsePort(portText, input)
  return { host: canonicalIp(host, family), port, family }
}

function parsePort(text: string, whole: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new InvalidServerError('server.portNotNumber', { input: whole, port: text })
  const port = Number(text)
  if (port < 1 || port > 65535) throw new InvalidServerError('server.portRange', { input: whole, port })
  return port
}

/** `127.0.0.1#53` / `::1#53`: nslookup's and dig's way of printing a server with its port. */
export function formatServer(server: ServerAddress): string {
  return `${server.host}#${server.port}`
}

/** `127.0.0.1:5353` / `[::1]:5353`: the form parseServerAddress reads back. */
export function serverToString(server: ServerAddress): string {
  const host = server.family === 6 ? `[${server.host}]` : server.host
  return server.port === DNS_PORT ? server.host : `${host}:${server.port}`
}

/**
 * The form the kernel reports a peer in (compressed, lower-case IPv6), so a reply's source address
 * can be compared with the server's as plain strings.
 */
export function canonicalIp(host: string, family: 4 | 6): string {
  if (family === 4) return host
  // A zone (fe80::1%eth0) is valid for isIP but not inside a URL: canonicalise the address alone.
  const zoneAt = host.indexOf('%')
  const address = zoneAt === -1 ? host : host.slice(0, zoneAt)
  const zone = zoneAt === -1 ? '' : host.slice(zoneAt)
  return new URL(`http://[${address}]/`).hostname.slice(1, -1) + zone
}
