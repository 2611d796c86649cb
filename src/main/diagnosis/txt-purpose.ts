/**
 * What a TXT value found beside the expected one is likely to be. A TXT record set at a shared name (the zone apex
 * above all) holds values for many purposes: e-mail policy (SPF, DMARC, DKIM), other services' domain
 * verification, and the CA's token. The CA only looks for its value among them, so the diagnosis must not read the
 * SPF record as the user's attempt at the token, nor tell them to delete it as "an old value".
 */

/**
 * Values whose shape says what they are for. Each match yields a purpose key, so two values of the same kind
 * (`globalsign-domain-verification=old` beside the expected `globalsign-domain-verification=new`) are recognised
 * as the same purpose, not as someone else's record.
 */
const PURPOSES: ReadonlyArray<{ pattern: RegExp; key: (m: RegExpExecArray) => string }> = [
  // SPF (`v=spf1`), DMARC (`v=DMARC1`), DKIM (`v=DKIM1`), MTA-STS (`v=STSv1`), TLS-RPT (`v=TLSRPTv1`), BIMI (`v=BIMI1`).
  { pattern: /^v=([a-z0-9]+)\b/i, key: (m) => `v=${m[1]!.toLowerCase()}` },
  // `google-site-verification=`, `facebook-domain-verification=`, `apple-domain-verification=`, `atlassian-domain-verification=`, ...
  { pattern: /^([a-z0-9._-]*-verification)[=:]/i, key: (m) => m[1]!.toLowerCase() },
  // Microsoft 365's `MS=ms12345678`.
  { pattern: /^(ms)=/i, key: () => 'ms' },
  // A DKIM key published without its optional `v=DKIM1` tag.
  { pattern: /^(?:k=rsa;|p=[A-Za-z0-9+/]{20,})/, key: () => 'v=dkim1' }
]

/** The purpose a TXT value's shape announces (`v=spf1`, `google-site-verification`), or null for a bare token. */
export function txtPurposeOf(value: string): string | null {
  const text = value.trim()
  for (const { pattern, key } of PURPOSES) {
    const match = pattern.exec(text)
    if (match) return key(match)
  }
  return null
}

/** True when `found` announces a purpose and the expected value does not share it: someone else's record. */
export function isOtherPurpose(found: string, expected: string): boolean {
  const purpose = txtPurposeOf(found)
  return purpose !== null && purpose !== txtPurposeOf(expected)
}

// What verification tokens are made of: letters, digits and the few marks of base64, base32, hex and URL-safe forms.
const TOKEN_CHARS = /^[A-Za-z0-9_+/=.-]+$/

/**
 * True when `found` could be an earlier token of the same kind as `expected` (a value left from a previous
 * certificate, the CA guide's "old record set"): the same `prefix=` when the expected value has one, else a bare
 * token made of the same kind of characters and of about the same length.
 */
export function looksLikeSameKindOfToken(found: string, expected: string): boolean {
  const prefixOf = (s: string): string | null => /^([A-Za-z0-9._-]+)=./.exec(s)?.[1]?.toLowerCase() ?? null
  const expectedPrefix = prefixOf(expected)
  if (expectedPrefix !== null) return prefixOf(found) === expectedPrefix
  if (!TOKEN_CHARS.test(found) || !TOKEN_CHARS.test(expected)) return false
  // Tokens of one CA have one length (a date and a random part, a hash); allow a little for another encoding.
  return Math.abs(found.length - expected.length) <= Math.max(4, expected.length / 5)
}
