/**
 * Brands a usage error so it is recognised across copies of this class: the built CLI bundles each command
 * apart (out/node/commands/*.cjs), each with its own UsageError, so `instanceof` in the entry would miss them.
 */
const USAGE_ERROR = Symbol.for('dns-verify-assistant.usage-error')

/** A mistake in how the command was called. The CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  readonly [USAGE_ERROR] = true
}

/** Whether `e` is a UsageError, from this copy of the class or another bundle's. */
export function isUsageError(e: unknown): e is UsageError {
  return e instanceof Error && (e as Partial<Record<typeof USAGE_ERROR, boolean>>)[USAGE_ERROR] === true
}
