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
        throw new UsageError('cli.unknownOption', { flag: flag ?? '' }, usage)
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
        // "Option '--timeout <value>' argument missing" → "Option --timeout needs a value."
        const missing = /Option '(-[^' ]+)(?: <value>)?' argument missing/.exec(err.message)
        if (missing) throw new UsageError('cli.needsValue', { flag: missing[1]! }, usage)
        throw new UsageError('cli.badArguments', { detail: err.message }, usage)
      }
      default:
        throw new UsageError('cli.badArguments', { detail: err.message }, usage)
    }
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError('cli.unexpectedArgument', { arg: parsed.positionals[maxPositionals]! }, usage)
  }
  return parsed
}

/** A whole number in [min, max] for flag `flag`, or a UsageError naming flag and value. */
export function parseIntegerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value.trim())) throw new UsageError('cli.notWholeNumber', { flag, value })
  const n = Number(value)
  if (n < min || n > max) throw new UsageError('cli.outOfRange', { flag, min, max, value: n })
  return n
}
