/**
 * Domain names in DNS messages (RFC 1035 4.1.4): labels, and compression pointers to a name (or the rest of one)
 * earlier in the message. Decoded as dns-packet's name.decode does it (same checks, same messages, same byte
 * count), in time linear in the message:
 *
 * - where a name starts and where a pointer lands, the decoded rest of the name is remembered for the message, so
 *   a pointer there later costs one step instead of the whole chain again (a 64 KB message whose owners each point
 *   at the one before took ~170 ms with the plain walk, quadratic in the chain; it is one pass now);
 * - pointers are bounded per name and per message: no real name needs more than one per label (127), and a
 *   message has room for at most one per two bytes. Past either bound the message is refused as malformed.
 */

/** Per name: one pointer per label at most for any real name; Unbound allows 256 too. */
export const MAX_POINTERS_PER_NAME = 256
/** Per message: a 64 KB message holds at most 32,768 two-byte pointers. */
export const MAX_POINTERS_PER_MESSAGE = 32_768

export interface DecodedName {
  /** Labels joined with '.', '.' for the root. Label bytes are read as UTF-8. */
  name: string
  /** Bytes the name takes where it starts (a pointer counts as its two). */
  bytes: number
}

/** What is remembered of the name (or rest of a name) at one offset. */
interface NameMemo {
  text: string
  labels: number
  /** Sum of label lengths + 1 each, for the 254-byte limit. */
  wire: number
  /** Bytes read in place from this offset up to the terminator or the first pointer (inclusive). */
  inPlace: number
  /** One past the last byte the decoding read: reusable only by a decoding whose limit is at least this. */
  end: number
}

/** Remembered names and the pointer count of one message; one per decodeMessage call. */
export interface NameContext {
  names: Map<number, NameMemo>
  pointers: number
}

export function newNameContext(): NameContext {
  return { names: new Map(), pointers: 0 }
}

/**
 * The name at `start`, reading only bytes before `limit`. Throws a plain Error with dns-packet's message on a
 * malformed name. With a context, remembers and reuses names across calls for the same message.
 */
export function decodeName(buf: Buffer, start: number, limit: number, ctx: NameContext | null = null): DecodedName {
  if (ctx !== null) {
    const known = pointerToKnownName(buf, start, limit, ctx)
    if (known !== null) return known
  }
  let offset = start
  let oldOffset = start
  let wire = 0
  let consumed = 0
  let jumped = false
  let text = ''
  let labels = 0
  let pointers = 0
  // For remembering (with a context): where the name, or the rest of it, started — at `start` and where each pointer
  // landed — as flat [offset, labels, text length, wire, bytes in place] groups; and the furthest byte read.
  const visits: number[] | null = ctx === null ? null : []
  let open = -1 // index in `visits` of the group whose in-place length is still being counted
  let end = start
  for (;;) {
    if (visits !== null && offset === oldOffset) {
      // At the start, or just jumped here: the same state a decoding that starts here would be in.
      const memo = ctx!.names.get(offset)
      if (memo !== undefined && memo.end <= limit) {
        wire += memo.wire
        if (wire > 254) throw new Error('Cannot decode name (name too long)')
        if (!jumped) consumed += memo.inPlace
        text = memo.labels === 0 ? text : labels === 0 ? memo.text : text + '.' + memo.text
        labels += memo.labels
        if (memo.end > end) end = memo.end
        break
      }
      open = visits.length
      visits.push(offset, labels, text.length, wire, 0)
    }
    if (offset >= limit) throw new Error('Cannot decode name (buffer overflow)')
    const len = buf[offset++]!
    if (!jumped) consumed++
    if (len === 0) {
      if (offset > end) end = offset
      if (open !== -1) visits![open + 4] = offset - visits![open]!
      break
    }
    if ((len & 0xc0) === 0) {
      if (offset + len > limit) throw new Error('Cannot decode name (buffer overflow)')
      wire += len + 1
      if (wire > 254) throw new Error('Cannot decode name (name too long)')
      const label = utf8Text(buf, offset, offset + len)
      text = labels++ === 0 ? label : text + '.' + label
      offset += len
      if (offset > end) end = offset
      if (!jumped) consumed += len
    } else if ((len & 0xc0) === 0xc0) {
      if (offset + 1 > limit) throw new Error('Cannot decode name (buffer overflow)')
      const jumpOffset = ((len & 0x3f) << 8) | buf[offset]!
      // Only pointers to prior data (RFC 1035 4.1.4), which also rules out loops.
      if (jumpOffset >= oldOffset) throw new Error('Cannot decode name (bad pointer)')
      if (++pointers > MAX_POINTERS_PER_NAME) throw new Error('Cannot decode name (too many compression pointers)')
      if (ctx !== null && ++ctx.pointers > MAX_POINTERS_PER_MESSAGE) {
        throw new Error('Cannot decode name (too many compression pointers in the message)')
      }
      if (offset + 1 > end) end = offset + 1
      if (open !== -1) visits![open + 4] = offset + 1 - visits![open]!
      open = -1
      offset = jumpOffset
      oldOffset = jumpOffset
      if (!jumped) consumed++
      jumped = true
    } else {
      throw new Error('Cannot decode name (bad label)')
    }
  }
  if (visits !== null) remember(ctx!, visits, end, text, labels, wire)
  return { name: labels === 0 ? '.' : text, bytes: consumed }
}

/**
 * A name decoded before at this very place, or the common compressed name, a lone pointer to a name decoded
 * before, without the general walk's bookkeeping: most owner names of a large answer are exactly that. Null when
 * it is anything else.
 */
function pointerToKnownName(buf: Buffer, start: number, limit: number, ctx: NameContext): DecodedName | null {
  const here = ctx.names.get(start)
  if (here !== undefined && here.end <= limit) return { name: here.labels === 0 ? '.' : here.text, bytes: here.inPlace }
  if (start + 1 >= limit) return null
  const first = buf[start]!
  if ((first & 0xc0) !== 0xc0) return null
  const target = ((first & 0x3f) << 8) | buf[start + 1]!
  if (target >= start) return null // a bad pointer: the walk reports it
  const memo = ctx.names.get(target)
  if (memo === undefined || memo.end > limit) return null
  if (++ctx.pointers > MAX_POINTERS_PER_MESSAGE) throw new Error('Cannot decode name (too many compression pointers in the message)')
  if (!ctx.names.has(start)) {
    ctx.names.set(start, { text: memo.text, labels: memo.labels, wire: memo.wire, inPlace: 2, end: Math.max(memo.end, start + 2) })
  }
  return { name: memo.labels === 0 ? '.' : memo.text, bytes: 2 }
}

/**
 * Stores the rest of the name from each place it started or a pointer landed. `end` is the furthest byte the whole
 * decoding read, an upper bound for each rest: a reuse may be passed up (then the walk is done again), never wrong.
 */
function remember(ctx: NameContext, visits: number[], end: number, text: string, labels: number, wire: number): void {
  for (let i = 0; i < visits.length; i += 5) {
    const offset = visits[i]!
    const labelsBefore = visits[i + 1]!
    const inPlace = visits[i + 4]!
    if (inPlace <= 0 || ctx.names.has(offset)) continue
    const rest = labels - labelsBefore
    ctx.names.set(offset, {
      text: rest === 0 ? '' : labelsBefore === 0 ? text : text.slice(visits[i + 2]! + 1),
      labels: rest,
      wire: wire - visits[i + 3]!,
      inPlace,
      end
    })
  }
}

/** The bytes as UTF-8 text, as buf.toString('utf8', from, to) gives them (ASCII without a decoder). */
export function utf8Text(buf: Buffer, from: number, to: number): string {
  let text = ''
  for (let i = from; i < to; i++) {
    const byte = buf[i]!
    if (byte >= 0x80) return buf.toString('utf8', from, to)
    text += String.fromCharCode(byte)
  }
  return text
}
