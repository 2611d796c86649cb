import * as z from 'zod'
import type { CertificateAuthority, LocalizedText, Provider, ProviderConsole } from '../../../shared/catalog-types'

/**
 * zod schemas for the catalog data files. A broken file fails when it is loaded, naming the file and the field
 * (`providers.json: providers[3].console.consoleUrl: ...`), never later as a wrong answer.
 */

export class CatalogError extends Error {
  override readonly name = 'CatalogError'
  constructor(
    readonly file: string,
    readonly problems: string[]
  ) {
    super(`${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Parses `data` with `schema`, or throws a CatalogError listing every problem with its path. */
export function parseCatalogFile<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  throw new CatalogError(
    file,
    result.error.issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`)
  )
}

const nonEmpty = z.string().trim().min(1)

const localizedText: z.ZodType<LocalizedText> = z.strictObject({
  en: nonEmpty,
  'zh-CN': nonEmpty,
  es: nonEmpty
})

const catalogId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case kebab-case')

/** Why an NS pattern is unusable, or null when it is fine. Exported for tests. */
export function nsPatternProblem(pattern: string): string | null {
  if (pattern !== pattern.toLowerCase()) return 'must be lower-case'
  if (!/^(?:\*\.)?(?:[a-z0-9*-]+\.)*[a-z0-9*-]+$/.test(pattern)) {
    return 'must be a host name whose labels use a-z, 0-9, "-" and "*"'
  }
  const labels = pattern.split('.')
  const inner = labels.slice(pattern.startsWith('*.') ? 1 : 0, -1)
  // Pin at least one label below the top-level domain, or `*.com` would claim half the Internet.
  if (!inner.some((label) => label.replaceAll('*', '').length >= 3)) {
    return 'must fix at least one label below the top-level domain (3 or more literal characters)'
  }
  return null
}

const nsPattern = z.string().superRefine((pattern, ctx) => {
  const problem = nsPatternProblem(pattern)
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `NS pattern "${pattern}" ${problem}` })
})

const providerConsole: z.ZodType<ProviderConsole> = z.strictObject({
  hostField: z.enum(['relative', 'full']),
  txtQuotes: z.enum(['required', 'optional', 'forbidden']),
  txtValues: z.enum(['separate', 'one_record']).optional(),
  minTtl: z.int().min(0),
  ttlDefault: z.int().min(0).optional(),
  consoleUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
  notes: localizedText.optional()
})

const provider: z.ZodType<Provider> = z.strictObject({
  id: catalogId,
  names: localizedText,
  aliases: z.array(z.string().trim().min(1).max(64)).optional(),
  nameservers: z.array(z.string().regex(/^[a-z0-9.-]+$/, 'a lower-case host name')).optional(),
  nsPatterns: z.array(nsPattern),
  console: providerConsole
})

export const GENERIC_PROVIDER_ID = 'generic'

export const providerCatalogSchema = z
  .strictObject({ providers: z.array(provider).min(1) })
  .superRefine(({ providers }, ctx) => {
    const seenIds = new Map<string, number>()
    const seenPatterns = new Map<string, string>()
    providers.forEach((p, i) => {
      if (seenIds.has(p.id)) {
        ctx.addIssue({ code: 'custom', path: ['providers', i, 'id'], message: `duplicate provider id "${p.id}"` })
      }
      seenIds.set(p.id, i)
      if (p.id === GENERIC_PROVIDER_ID && p.nsPatterns.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['providers', i, 'nsPatterns'], message: 'generic has no NS patterns' })
      }
      if (p.id !== GENERIC_PROVIDER_ID && p.nsPatterns.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['providers', i, 'nsPatterns'], message: 'needs at least one NS pattern' })
      }
      if (p.console.ttlDefault !== undefined && p.console.ttlDefault < p.console.minTtl) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', i, 'console', 'ttlDefault'],
          message: `is below minTtl (${p.console.minTtl})`
        })
      }
      p.nsPatterns.forEach((pattern, j) => {
        const owner = seenPatterns.get(pattern)
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['providers', i, 'nsPatterns', j],
            message: `pattern "${pattern}" already belongs to "${owner}"`
          })
        }
        seenPatterns.set(pattern, p.id)
      })
    })
    if (!seenIds.has(GENERIC_PROVIDER_ID)) {
      ctx.addIssue({ code: 'custom', path: ['providers'], message: `needs a "${GENERIC_PROVIDER_ID}" provider` })
    }
  })

const issuerDomain = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a lower-case domain name without trailing dot')

const certificateAuthority: z.ZodType<CertificateAuthority> = z.strictObject({
  id: catalogId,
  names: localizedText,
  aliases: z.array(catalogId).optional(),
  caaIdentifiers: z.array(issuerDomain).min(1),
  remark: nonEmpty.optional()
})

export const caCatalogSchema = z.strictObject({ cas: z.array(certificateAuthority).min(1) }).superRefine(({ cas }, ctx) => {
  const owners = new Map<string, string>()
  cas.forEach((ca, i) => {
    const names = [ca.id, ...(ca.aliases ?? [])]
    names.forEach((name, j) => {
      const owner = owners.get(name)
      if (owner !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: j === 0 ? ['cas', i, 'id'] : ['cas', i, 'aliases', j - 1],
          message: `"${name}" is already used by "${owner}"`
        })
      }
      owners.set(name, ca.id)
    })
    const identifiers = new Set<string>()
    ca.caaIdentifiers.forEach((identifier, j) => {
      if (identifiers.has(identifier)) {
        ctx.addIssue({ code: 'custom', path: ['cas', i, 'caaIdentifiers', j], message: `duplicate "${identifier}"` })
      }
      identifiers.add(identifier)
    })
  })
})

/** Freezes a parsed catalog so no caller can change the shared data by accident. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}
