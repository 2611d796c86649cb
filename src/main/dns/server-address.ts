import { isIP } from 'node:net'
import type { ServerAddress } from '../../shared/dns-types'
import { InvalidServerError } from './errors'

export const DNS_PORT = 53

/**
 * Parses `IP`, `IP:port`, `[IPv6]` or `[IPv6]:port`. A bare IPv6 literal (several colons) has no port.
 * Host names are refused on purpose: the user picks a server by address, and resolving its name would
 * itself need DNS.
 */
export function parseServerAddress(input: string, defaultPort = DNS_PORT): ServerAddress {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidServerError('The server address is empty.')
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
  const family = isIP(host)
  if (family === 0) {
    throw new InvalidServerError(
      `"${input}" is not an IP address. Give the server as IP, IP:port or [IPv6]:port (for example 127.0.0.1:5353).`
    )
  }
  if (bracketed && family !== 6) throw new InvalidServerError(`"${input}": brackets are only for IPv6 addresses.`)
  const port = portText === undefined ? defaultPort : parsePort(portText, input)
  return { host: canonicalIp(host, family as 4 | 6), port, family: family as 4 | 6 }
}

function parsePort(text: string, whole: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new InvalidServerError(`"${whole}": the port "${text}" is not a number.`)
  const port = Number(text)
  if (port < 1 || port > 65535) throw new InvalidServerError(`"${whole}": the port ${port} is outside 1–65535.`)
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
