import type { DelegationSummary } from '@shared/api'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getApi } from '../api'
import { apiErrorOf } from '../lib/api-error'
import { cleanDomainInput, domainProblem } from '../lib/validate'
import { useDraftStore } from './draft'

/** What the user said in step 1 when it differs from where the DNS really is. */
export type PlatformDecision = 'add_at_dns_host' | 'move_dns'

/** The platform choice that means "I don't know where my DNS is". */
export const UNKNOWN_PLATFORM = 'unknown'

/** Step 1: where the domain's DNS really is, the platform the user named, and what they decided when they differ. */
export const useDelegationStore = defineStore('delegation', () => {
  const found = ref<DelegationSummary | null>(null)
  /** The domain (as cleaned) that `found` was looked up for. */
  const foundFor = ref<string | null>(null)
  const lookingUp = ref(false)
  /** The platform the user named (catalog id or `unknown`), before any decision. */
  const saidPlatform = ref<string | null>(null)
  const decision = ref<PlatformDecision | null>(null)
  /** The named platform asked directly (the engine does when the DNS is elsewhere): is the zone set up there too? */
  const platformAnswer = ref<DelegationSummary['atPlatform']>(null)

  /** The lookup for the domain as it is typed now; null before one, or once the domain was edited. */
  const summary = computed(() => (found.value !== null && foundFor.value === useDraftStore().session.domain ? found.value : null))

  /** The DNS is at a known platform and the user named another one. */
  const mismatch = computed(() => {
    const actual = summary.value?.provider?.id
    const said = saidPlatform.value
    return actual !== undefined && said !== null && said !== UNKNOWN_PLATFORM && said !== 'generic' && said !== actual
  })

  /**
   * What the platform the user named says about the domain, while the DNS is elsewhere: its own servers hold the zone
   * too (records added there are not used), or not. Null until asked, or when it cannot be asked.
   */
  const atPlatform = computed(() => {
    const answer = platformAnswer.value
    return summary.value !== null && mismatch.value && answer?.platform === saidPlatform.value ? answer : null
  })

  /** A platform of the catalog, one the engine can ask directly. */
  function namedPlatform(): string | undefined {
    const said = saidPlatform.value
    return said === null || said === UNKNOWN_PLATFORM || said === 'generic' ? undefined : said
  }

  async function lookUp(text = useDraftStore().session.domain): Promise<void> {
    const draft = useDraftStore()
    const domain = cleanDomainInput(text)
    draft.session.domain = domain
    const problem = domainProblem(domain)
    if (problem !== null) return draft.setError('domain', problem)
    lookingUp.value = true
    draft.clearErrors('domain')
    try {
      const platform = namedPlatform()
      found.value = await getApi()['dns:delegation'](platform ? { domain, platform } : { domain })
      foundFor.value = domain
      platformAnswer.value = found.value.atPlatform ?? null
    } catch (e) {
      // The domain is this call's only input: whatever field the main process names (`domain`, `domains.0`), show it there.
      draft.setError('domain', apiErrorOf(e))
      found.value = null
    } finally {
      lookingUp.value = false
    }
  }

  function choosePlatform(id: string | null): void {
    saidPlatform.value = id
    decision.value = null
    applyPlatform()
    if (mismatch.value) void askPlatform()
  }

  /** Asks the named platform's own servers whether they hold the zone too (step 1 says so when they do). */
  async function askPlatform(): Promise<void> {
    const domain = foundFor.value
    const platform = namedPlatform()
    if (domain === null || platform === undefined || platformAnswer.value?.platform === platform) return
    try {
      const answer = await getApi()['dns:delegation']({ domain, platform })
      if (foundFor.value === domain && saidPlatform.value === platform) platformAnswer.value = answer.atPlatform ?? null
    } catch {
      // Without the answer the mismatch warning still stands: the record goes where the name servers point.
    }
  }

  function decide(next: PlatformDecision): void {
    decision.value = next
    applyPlatform()
  }

  /** The platform the record will really be added at, for step 3's instructions and the engine. */
  function applyPlatform(): void {
    const actual = summary.value?.provider?.id ?? null
    const said = saidPlatform.value
    const session = useDraftStore().session
    if (said === null) session.intendedPlatform = null
    else if (mismatch.value) session.intendedPlatform = decision.value === 'add_at_dns_host' ? actual : said
    else if (said === UNKNOWN_PLATFORM) session.intendedPlatform = actual
    else session.intendedPlatform = actual ?? said
  }

  /** Forgets the lookup; `said` is the platform a resumed session names. */
  function reset(said: string | null = null): void {
    found.value = null
    foundFor.value = null
    saidPlatform.value = said
    decision.value = null
    platformAnswer.value = null
  }

  return { summary, lookingUp, saidPlatform, decision, mismatch, atPlatform, lookUp, choosePlatform, decide, reset }
})
