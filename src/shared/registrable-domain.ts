/**
 * The registrable domain of a name by the Public Suffix List (tldts, the same in Node and the browser): what
 * someone can register at a registrar, under a public suffix such as `com`, `co.uk`, `com.cn`, `gov.cn`, or a
 * private one such as `github.io`. It tells "not registered" from "registered but without a zone of its own".
 */
import { getDomain, getPublicSuffix } from 'tldts'

const OPTIONS = { allowPrivateDomains: true } as const

/** `shop.example.co.uk` → `example.co.uk`; null for a public suffix itself (`co.uk`, `github.io`). */
export function registrableDomain(name: string): string | null {
  const bare = name.replace(/\.$/, '').replace(/^\*\./, '').toLowerCase()
  return getDomain(bare, OPTIONS)
}

/** `example.co.uk` → `co.uk`; a name outside the list counts its last label as the suffix (`good.test` → `test`). */
export function publicSuffixOf(name: string): string | null {
  return getPublicSuffix(name.replace(/\.$/, '').toLowerCase(), OPTIONS)
}
