/**
 * Renders the finding messages of the locale files outside vue-i18n (CLI text report, Markdown
 * export) with the same rules the UI uses: `{param}` named interpolation and `{'x'}` literals.
 */
import { findingFixVariantKeys, findingVariantKeys, messageParams, type FindingId, type FindingParams } from './findings'

export type LocaleMessages = Record<string, unknown>

export function formatMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\s*(?:'([^']*)'|([A-Za-z_][\w]*))\s*\}/g, (whole, literal: string | undefined, name: string | undefined) => {
    if (literal !== undefined) return literal
    const value = params[name!]
    return value === undefined ? whole : String(value)
  })
}

export interface FindingText {
  title: string
  explain: string
  /** Fix steps, one per line in the locale file. */
  fix: string[]
}

/**
 * Title, explanation and fix steps of a finding in one locale (`findings.<area>.<name>`): the explanation ends with
 * the sentences for its case (`findings.<id>.<param>.<value>`), and the fix starts with the steps for its case
 * (`findings.<id>.<param>Fix.<value>`) where the locale has them.
 */
export function findingText(
  messages: LocaleMessages,
  id: FindingId,
  params: FindingParams,
  /** The params as the engine gave them, when `params` were escaped for display: they pick the case. */
  caseParams: FindingParams = params
): FindingText {
  const [area, name] = id.split('.') as [string, string]
  const entry = ((messages['findings'] as Record<string, Record<string, Record<string, string>>>)?.[area]?.[name]) ?? undefined
  if (!entry) return { title: id, explain: '', fix: [] }
  const flat = messageParams(params)
  const finding = { id, params: caseParams }
  const present = (key: string): string[] => {
    const text = messageAt(messages, key)
    return text === key ? [] : [formatMessage(text, flat)]
  }
  const explain = [formatMessage(entry['explain'] ?? '', flat), ...findingVariantKeys(finding).flatMap(present)].filter((s) => s !== '')
  const fix = [...findingFixVariantKeys(finding).flatMap(present), formatMessage(entry['fix'] ?? '', flat)]
  return {
    title: formatMessage(entry['title'] ?? id, flat),
    explain: joinSentences(explain),
    fix: fix
      .join('\n')
      .split('\n')
      .filter((line) => line.trim() !== '')
  }
}

/**
 * Sentences as one paragraph: a space after a sentence that ends in Latin punctuation, none after Chinese or
 * Japanese full-width punctuation (`。 ` with a space reads as a typo there).
 */
export function joinSentences(sentences: readonly string[]): string {
  return sentences.reduce((text, sentence) => (text === '' ? sentence : /[\u3000-\u303f\uff01-\uff1f]$/.test(text) ? text + sentence : `${text} ${sentence}`), '')
}

/** A plain string at a dotted path of the locale messages, or the path itself when absent. */
export function messageAt(messages: LocaleMessages, path: string): string {
  let node: unknown = messages
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key]
  return typeof node === 'string' ? node : path
}
