/**
 * The `nslookup` commands a user can run to see the record themselves, and what a good answer looks like, for
 * Windows (cmd / PowerShell) and macOS (Terminal). Pure strings; the UI shows them with copy buttons.
 */

import { InvalidServerError, parseServerAddress } from '@shared/server-address'

export type NslookupOs = 'windows' | 'macos'

export interface ResolverTarget {
  host: string
  port: number
}

/** `8.8.8.8`, `8.8.8.8:5353`, `[2001:db8::1]:53`, `2001:db8::1` → host and port (53 by default); null for the rest. */
export function parseResolverTarget(text: string): ResolverTarget | null {
  try {
    const { host, port } = parseServerAddress(text)
    return { host, port }
  } catch (e) {
    if (e instanceof InvalidServerError) return null
    throw e
  }
}

/** `nslookup -q=TXT <name>` (with `-port=` and the server when a resolver is given). */
export function nslookupCommand(name: string, type: string, resolver?: ResolverTarget): string {
  const parts = ['nslookup', `-q=${type}`]
  if (resolver && resolver.port !== 53) parts.push(`-port=${resolver.port}`)
  parts.push(name)
  if (resolver) parts.push(resolver.host)
  return parts.join(' ')
}

/** What nslookup prints when the record is there (values as the CA gave them). */
export function expectedNslookupOutput(
  os: NslookupOs,
  name: string,
  type: 'TXT' | 'CNAME',
  value: string,
  resolver?: ResolverTarget
): string {
  const server = resolver?.host ?? (os === 'windows' ? '192.168.1.1' : '192.168.1.1')
  const port = resolver?.port ?? 53
  const target = value.replace(/\.$/, '')
  if (os === 'windows') {
    const header = [`Server:  ${resolver ? 'UnKnown' : 'your-router'}`, `Address:  ${server}`, '', 'Non-authoritative answer:']
    const answer =
      type === 'TXT' ? [`${name}\ttext =`, '', `\t"${value}"`] : [`${name}\tcanonical name = ${target}`]
    return [...header, ...answer].join('\n')
  }
  const header = [`Server:\t\t${server}`, `Address:\t${server}#${port}`, '', 'Non-authoritative answer:']
  const answer = type === 'TXT' ? [`${name}\ttext = "${value}"`] : [`${name}\tcanonical name = ${target}.`]
  return [...header, ...answer].join('\n')
}

/** What nslookup prints when the name has no record yet. */
export function missingNslookupOutput(os: NslookupOs, name: string): string {
  return os === 'windows' ? `*** UnKnown can't find ${name}: Non-existent domain` : `** server can't find ${name}: NXDOMAIN`
}
