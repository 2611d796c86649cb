import type { ExchangeOutcome } from '../../../shared/dns-types'
import { isLocalized } from '../../../shared/messages'
import { DnsError } from '../../dns/errors'
import { toQuestion, tryExchange } from '../../dns/exchange'
import { formatNslookup } from '../../dns/format-nslookup'
import { parseResolverSpec } from '../../dns/resolvers'
import { parseCommandArgs, parseIntegerFlag } from '../args'
import type { CommandResult } from '../command'
import { helpHint, UsageError } from '../usage-error'

export async function runQuery(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      server: { type: 'string' },
      tcp: { type: 'boolean' },
      norecurse: { type: 'boolean' },
      dnssec: { type: 'boolean' },
      cd: { type: 'boolean' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      json: { type: 'boolean' }
    },
    2,
    helpHint('query')
  )
  if (positionals.length === 0) throw new UsageError('cli.missingName', {}, helpHint('query'))
  const question = usage(() => toQuestion({ name: positionals[0]!, type: positionals[1] ?? 'A' }))
  const timeoutMs = parseIntegerFlag(values.timeout, '--timeout', 1, 60_000)
  const retries = parseIntegerFlag(values.retries, '--retries', 0, 10)
  const targets = usage(() => parseResolverSpec(values.server ?? 'system'))
  const target = targets[0]!
  const outcome: ExchangeOutcome = await tryExchange(question, target.address, {
    tcp: values.tcp ?? false,
    recursionDesired: !values.norecurse,
    dnssecOk: values.dnssec ?? false,
    checkingDisabled: values.cd ?? false,
    timeoutMs,
    retries
  })
  const output = values.json ? JSON.stringify(outcome, null, 2) + '\n' : formatNslookup(outcome)
  const answered = outcome.ok && outcome.response.rcode === 'NOERROR'
  return { stdout: output, exitCode: answered ? 0 : 1 }
}

/** Runs a parser of user input; what it refuses becomes a UsageError (exit 2) with the same words. */
export function usage<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (isLocalized(e)) throw new UsageError(e.messageId, e.params)
    if (e instanceof DnsError) throw new UsageError('cli.dnsProblem', { detail: e.message })
    throw e
  }
}
