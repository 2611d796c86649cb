/**
 * The TXT value a person means when they type or paste one. CAs show TXT values in quotes (zone-file syntax), and
 * their guides tell people to paste them quoted ("Record values must be quoted with quotation marks"), but what the
 * CA compares is the text between the quotes. Both the engine's input check and the wizard's paste parser use this,
 * so a quoted value means the same thing in the CLI, the bridge, IPC and the UI.
 */

// One zone-file character-string: `"…"` with `\"` and `\\` escapes inside.
const CHARACTER_STRING = /"((?:[^"\\]|\\.)*)"/g
// The whole text is one or more character-strings, separated by spaces only.
const ONLY_CHARACTER_STRINGS = /^(?:"(?:[^"\\]|\\.)*"\s*)+$/
// A surrounding pair that is not zone-file syntax but is still only packaging: acme.sh prints `'abc'`, a word
// processor or an e-mail turns `"abc"` into `“abc”`.
const OTHER_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ["'", "'"],
  ['\u201c', '\u201d']
]

/**
 * `"abc"` → `abc`, `"abc" "def"` → `abcdef` (several character-strings of one record are joined, as a TXT
 * record's strings are), `'abc'` / `“abc”` → `abc`; anything else (`"abc`, `a "b" c`) stays as typed, trimmed,
 * because a stray quote is then part of what the person typed and the diagnosis says so.
 */
export function unquoteTxtValue(text: string): string {
  const trimmed = text.trim()
  if (ONLY_CHARACTER_STRINGS.test(trimmed)) {
    return [...trimmed.matchAll(CHARACTER_STRING)].map((m) => (m[1] ?? '').replace(/\\(.)/g, '$1')).join('')
  }
  for (const [open, close] of OTHER_PAIRS) {
    if (trimmed.length >= 2 && trimmed.startsWith(open) && trimmed.endsWith(close)) {
      const inner = trimmed.slice(open.length, -close.length)
      if (!inner.includes(open) && !inner.includes(close)) return inner
    }
  }
  return trimmed
}
