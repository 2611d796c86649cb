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

  /** The lookup for the domain as it is typed now; null before one, or once the domain was edited. */
  const summary = computed(() => (found.value !== null && foundFor.value === useDraftStore().session.domain ? found.value : null))

  /** The DNS is at a known platform and the user named another one. */
  const mismatch = computed(() => {
    const actual = summary.value?.provider?.id
    const said = saidPlatform.value
    return actual !== undefined && said !== null && said !== UNKNOWN_PLATFORM && said !== 'generic' && said !== actual
  })

  async function lookUp(text = useDraftStore().session.domain): Promise<void> {
    const draft = useDraftStore()
    const domain = cleanDomainInput(text)
    draft.session.domain = domain
    const problem = domainProblem(domain)
    if (problem !== null) return draft.setError('domain', problem)
    lookingUp.value = true
    draft.clearErrors('domain')
    try {
      found.value = await getApi()['dns:delegation']({ domain })
      foundFor.value = domain
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
  }

  return { summary, lookingUp, saidPlatform, decision, mismatch, lookUp, choosePlatform, decide, reset }
})
