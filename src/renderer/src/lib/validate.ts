/** Checks on what the user types, before anything is sent: the engine's own checks (src/shared), run here. */
import type { ShownMessage } from '@shared/messages'
import { checkCertificateDomain } from '@shared/record-input'
import { parseServerAddress } from '@shared/server-address'
import { problemOf } from './api-error'

/** `IP`, `IP:port`, `[IPv6]`, `[IPv6]:port`, or a bare IPv6 address, read as the engine reads it. */
export function resolverAddressProblem(text: string): ShownMessage | null {
  return problemOf(() => parseServerAddress(text))
}

/** A certificate domain as the engine accepts it: no scheme, no path, at least one dot; `*.` allowed in front. */
export function domainProblem(text: string): ShownMessage | null {
  return problemOf(() => checkCertificateDomain(text))
}

/** `https://www.Example.com/path` → `www.example.com`, so a pasted address still works. */
export function cleanDomainInput(text: string): string {
  return text
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '')
    .replace(/\.$/, '')
    .toLowerCase()
}
