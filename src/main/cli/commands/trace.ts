import { createIterativeResolver } from '../../dns/iterative'
import { formatTrace } from '../../dns/format-trace'
import { parseServerAddress } from '../../../shared/server-address'
import { parseCommandArgs, parseIntegerFlag } from '../args'
import type { CommandResult } from '../command'
import { helpHint, UsageError } from '../usage-error'
import { usage } from './query'
import { toQuestion } from '../../dns/exchange'

export async function run(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      root: { type: 'string', multiple: true },
      'auth-port': { type: 'string' },
      timeout: { type: 'string' },
      deadline: { type: 'string' },
      ipv6: { type: 'boolean' },
      json: { type: 'boolean' }
    },
    2,
    helpHint('trace')
  )
  if (positionals.length === 0) throw new UsageError('cli.missingName', {}, helpHint('trace'))
  const question = usage(() => toQuestion({ name: positionals[0]!, type: positionals[1] ?? 'A' }))
  const roots = usage(() => (values.root ?? []).map((r) => parseServerAddress(r)))
  const resolver = createIterativeResolver({
    rootServers: roots.length > 0 ? roots : undefined,
    authPort: parseIntegerFlag(values['auth-port'], '--auth-port', 1, 65535),
    timeoutMs: parseIntegerFlag(values.timeout, '--timeout', 1, 60_000),
    deadlineMs: parseIntegerFlag(values.deadline, '--deadline', 1000, 600_000),
    family: values.ipv6 ? 'both' : 'ipv4'
  })
  const result = await resolver.resolve(question.name, question.type)
  const stdout = values.json ? JSON.stringify(result, null, 2) + '\n' : formatTrace(result)
  return { stdout, exitCode: result.status === 'answer' ? 0 : 1 }
}
