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

interface Visit {
  offset: number
  labels: number
  textLength: number
  wire: number
  step: number
  inPlace: number
}

/**
 * The name at `start`, reading only bytes before `limit`. Throws a plain Error with dns-packet's message on a
 * malformed name. With a context, remembers and reuses names across calls for the same message.
 */
export function decodeName(buf: Buffer, start: number, limit: number, ctx: NameContext | null = null): DecodedName {
  let offset = start
  let oldOffset = start
  let wire = 0
  let consumed = 0
  let jumped = false
  let text = ''
  let labels = 0
  let pointers = 0
  // For remembering: where a name (rest) started, and the last byte each step read.
  const visits: Visit[] = []
  const stepEnds: number[] = []
  let open: Visit | null = null
  for (;;) {
    if (ctx !== null && offset === oldOffset) {
      // At the start, or just jumped here: the same state a decoding that starts here would be in.
      const memo = ctx.names.get(offset)
      if (memo !== undefined && memo.end <= limit) {
        wire += memo.wire
        if (wire > 254) throw new Error('Cannot decode name (name too long)')
        if (!jumped) consumed += memo.inPlace
        text = memo.labels === 0 ? text : labels === 0 ? memo.text : text + '.' + memo.text
        labels += memo.labels
        stepEnds.push(memo.end)
        break
      }
      open = { offset, labels, textLength: text.length, wire, step: stepEnds.length, inPlace: 0 }
      visits.push(open)
    }
    if (offset >= limit) throw new Error('Cannot decode name (buffer overflow)')
    const len = buf[offset++]!
    if (!jumped) consumed++
    if (len === 0) {
      stepEnds.push(offset)
      if (open !== null) open.inPlace = offset - open.offset
      break
    }
    if ((len & 0xc0) === 0) {
      if (offset + len > limit) throw new Error('Cannot decode name (buffer overflow)')
      wire += len + 1
      if (wire > 254) throw new Error('Cannot decode name (name too long)')
      const label = utf8Text(buf, offset, offset + len)
      text = labels++ === 0 ? label : text + '.' + label
      offset += len
      stepEnds.push(offset)
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
      stepEnds.push(offset + 1)
      if (open !== null) open.inPlace = offset + 1 - open.offset
      open = null
      offset = jumpOffset
      oldOffset = jumpOffset
      if (!jumped) consumed++
      jumped = true
    } else {
      throw new Error('Cannot decode name (bad label)')
    }
  }
  if (ctx !== null) remember(ctx, visits, stepEnds, text, labels, wire)
  return { name: labels === 0 ? '.' : text, bytes: consumed }
}

/** Stores the rest of the name from each place it started or a pointer landed. */
function remember(ctx: NameContext, visits: Visit[], stepEnds: number[], text: string, labels: number, wire: number): void {
  let end = 0
  let step = stepEnds.length
  for (let i = visits.length - 1; i >= 0; i--) {
    const v = visits[i]!
    while (step > v.step) end = Math.max(end, stepEnds[--step]!)
    if (ctx.names.has(v.offset) || v.inPlace <= 0) continue
    const rest = labels - v.labels
    ctx.names.set(v.offset, {
      text: rest === 0 ? '' : v.labels === 0 ? text : text.slice(v.textLength + 1),
      labels: rest,
      wire: wire - v.wire,
      inPlace: v.inPlace,
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
