// Apart from the catalog so that a screen that names one finding's words (step 1's "zone not found") does not
// carry the whole catalog into the renderer's first bundle. findings.ts wraps it with the id type; this module
// cannot import that type without a cycle. The deferred-messages test checks the keys step 1 names exist.

export type FindingMessagePart = 'title' | 'explain' | 'fix'

/** The locale key of one part of a finding's message, e.g. `findings.record.missing.title`. */
export function findingMessageKey(id: string, part: FindingMessagePart): string {
  return `findings.${id}.${part}`
}
