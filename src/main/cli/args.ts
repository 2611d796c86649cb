import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './usage-error'

type Options = NonNullable<ParseArgsConfig['options']>
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>

/**
 * node:util parseArgs in strict mode, with its errors turned into UsageErrors that name the flag
 * (its own messages mention internals such as "positional" and "strict").
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, maxPositionals: number, usage: string): Parsed<O> {
  let parsed: Parsed<O>
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    const flag = /'([^']+)'/.exec(err.message)?.[1]
    switch (err.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`Unknown option ${flag ?? ''}.\n${usage}`)
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(`${cleanFlag(err.message)}\n${usage}`)
      default:
        throw new UsageError(`${err.message}\n${usage}`)
    }
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[maxPositionals]}".\n${usage}`)
  }
  return parsed
}

function cleanFlag(message: string): string {
  // "Option '--timeout <value>' argument missing" → "Option --timeout needs a value."
  const m = /Option '(-[^' ]+)(?: <value>)?' argument missing/.exec(message)
  if (m) return `Option ${m[1]} needs a value.`
  return message
}

/** A whole number in [min, max] for flag `flag`, or a UsageError naming flag and value. */
export function parseIntegerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number, not "${value}".`)
  const n = Number(value)
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${n}.`)
  return n
}
