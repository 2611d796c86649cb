/**
 * Bytes written out as commented hex, for golden packets:
 *
 *   hex`abcd 8180   # id, flags
 *        0001       # QDCOUNT`
 *
 * Everything after `#` on a line is a comment; whitespace is ignored. Interpolated values are
 * pasted in as hex (use `ascii('text')` for character data).
 */
export function hex(strings: TemplateStringsArray, ...values: string[]): Buffer {
  let text = ''
  strings.raw.forEach((part, i) => {
    text += part.replace(/#[^\n]*/g, '') + (values[i] ?? '')
  })
  const digits = text.replace(/\s+/g, '')
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(digits)) throw new Error(`Not whole bytes of hex: ${digits}`)
  return Buffer.from(digits, 'hex')
}

/** Hex of the UTF-8 bytes of a string, for use inside hex`...`. */
export function ascii(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex')
}

/** Hex of a character-string: length byte, then the bytes. */
export function characterString(text: string): string {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length > 255) throw new Error('character-string longer than 255 bytes')
  return bytes.length.toString(16).padStart(2, '0') + bytes.toString('hex')
}
