import type { VerificationSession } from '@shared/api'
import { planPlacements } from '@shared/placement'
import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { PlannedRecord } from '../lib/record-list'
import { domainProblem } from '../lib/validate'
import { useCheckStore } from './check'
import { useDelegationStore, UNKNOWN_PLATFORM } from './delegation'
import { blankSession, useDraftStore } from './draft'

export type StepNumber = VerificationSession['step']
export const STEPS: readonly StepNumber[] = [1, 2, 3, 4, 5]

/** Why the primary action of a step is not available yet (a key under `ui.blockers`). */
export type Blocker =
  | 'lookupFirst'
  | 'domainNotFound'
  | 'serversSilent'
  | 'choosePlatform'
  | 'decidePlatform'
  | 'movingDns'
  | 'needDomains'
  | 'needHost'
  | 'needValue'
  | 'needCheck'

/** The walk through the five steps: where the user is, what keeps them there, starting and resuming a session. */
export const useWizardStore = defineStore('wizard', () => {
  const draft = useDraftStore()
  const delegation = useDelegationStore()
  const check = useCheckStore()

  const step = computed(() => draft.session.step)

  /**
   * Where each record of the order goes, for what is typed so far and the zone found in step 1, in the order of the
   * rows; a row without a host or a valid domain yet is left out (its own fields say what is missing).
   */
  const placements = computed<PlannedRecord[]>(() =>
    draft.session.records.flatMap((record, index) => {
      if (record.host.trim() === '') return []
      const placement = planPlacements([record.domain], record.host, delegation.summary?.zone ?? null)[0]
      return placement ? [{ ...placement, index, host: record.host.trim(), type: record.type, value: record.value.trim() }] : []
    })
  )

  const blocker = computed<Blocker | null>(() => {
    const s = draft.session
    switch (s.step) {
      case 1: {
        const found = delegation.summary
        if (found === null) return 'lookupFirst'
        if (found.problem === 'servers_silent') return 'serversSilent'
        if (found.problem !== null || found.zone === null) return 'domainNotFound'
        if (delegation.saidPlatform === null) return 'choosePlatform'
        if (delegation.mismatch && delegation.decision === null) return 'decidePlatform'
        if (delegation.mismatch && delegation.decision === 'move_dns') return 'movingDns'
        return null
      }
      case 2:
        if (s.records.length === 0 || s.records.some((r) => domainProblem(r.domain) !== null)) return 'needDomains'
        if (s.records.some((r) => r.host.trim() === '')) return 'needHost'
        if (s.records.some((r) => r.value.trim() === '')) return 'needValue'
        return null
      case 4:
        return s.lastReport === null ? 'needCheck' : null
      default:
        return null
    }
  })

  function start(domain = ''): void {
    void check.stopWatch()
    draft.replace(blankSession(domain))
    delegation.reset()
    check.reset()
  }

  async function resume(saved: VerificationSession): Promise<void> {
    await check.stopWatch()
    draft.replace(saved)
    delegation.reset(saved.intendedPlatform ?? UNKNOWN_PLATFORM)
    check.reset()
    if (saved.domain) await delegation.lookUp(saved.domain)
  }

  async function goTo(target: StepNumber): Promise<void> {
    if (target === draft.session.step) return
    if (draft.session.step === 4 && target !== 4) await check.stopWatch()
    // The first visit to step 2 starts the order with the rows its kind usually has (one, for the step-1 domain).
    if (target === 2 && draft.session.records.length === 0) draft.setCertificateKind(draft.session.certificateKind)
    draft.session.step = target
    await draft.save()
  }

  async function next(): Promise<void> {
    if (blocker.value !== null || draft.session.step === 5) return
    await goTo((draft.session.step + 1) as StepNumber)
  }

  async function back(): Promise<void> {
    if (draft.session.step === 1) return
    await goTo((draft.session.step - 1) as StepNumber)
  }

  return { step, placements, blocker, start, resume, goTo, next, back }
})
