import type { CertificateKind, DelegationSummary, VerificationSession, WatchProgress } from '@shared/api'
import type { DiagnoseInput, DiagnosisReport } from '@shared/diagnosis-types'
import type { Verdict } from '@shared/findings'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getApi } from '../api'
import { apiErrorOf, type FieldErrors } from '../lib/api-error'
import { baseDomainOf, planPlacements } from '../lib/record-placement'
import { cleanDomainInput, domainProblem } from '../lib/validate'
import { useSessionsStore } from './sessions'
import { useSettingsStore } from './settings'

export type StepNumber = VerificationSession['step']
export const STEPS: readonly StepNumber[] = [1, 2, 3, 4, 5]

/** What the user said in step 1 when it differs from where the DNS really is. */
export type PlatformDecision = 'add_at_dns_host' | 'move_dns'

/** Why the primary action of a step is not available yet (a key under `ui.blockers`). */
export type Blocker =
  | 'lookupFirst'
  | 'domainNotFound'
  | 'choosePlatform'
  | 'decidePlatform'
  | 'movingDns'
  | 'needDomains'
  | 'needHost'
  | 'needValue'
  | 'needCheck'

/** The platform choice that means "I don't know where my DNS is". */
export const UNKNOWN_PLATFORM = 'unknown'

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

export function blankSession(domain = ''): VerificationSession {
  const now = new Date().toISOString()
  return {
    id: newId(),
    createdAt: now,
    updatedAt: now,
    step: 1,
    domain,
    certificateKind: 'single',
    domains: [],
    host: '',
    type: 'TXT',
    value: '',
    ca: null,
    intendedPlatform: null,
    lastReport: null,
    lastVerdict: null
  }
}

/** One domain's walk through the five steps: what was entered, what DNS said, the latest check. */
export const useWizardStore = defineStore('wizard', () => {
  const session = ref<VerificationSession>(blankSession())
  const delegation = ref<DelegationSummary | null>(null)
  /** The domain (as cleaned) that `delegation` was looked up for. */
  const delegationFor = ref<string | null>(null)
  const lookingUp = ref(false)
  /** The platform the user named in step 1 (catalog id or `unknown`), before any decision. */
  const saidPlatform = ref<string | null>(null)
  const platformDecision = ref<PlatformDecision | null>(null)
  const errors = ref<FieldErrors>({})
  const progress = ref<WatchProgress | null>(null)
  const checking = ref(false)
  const autoCheck = ref(true)
  /** Whether this renderer asked the main process to watch the current session (and has not stopped it). */
  let watching = false

  const step = computed(() => session.value.step)
  const report = computed<DiagnosisReport | null>(() => session.value.lastReport)
  const verdict = computed<Verdict | null>(() => session.value.lastReport?.verdict ?? null)

  /** The DNS is at a known platform and the user named another one. */
  const platformMismatch = computed(() => {
    const actual = delegation.value?.provider?.id
    const said = saidPlatform.value
    return actual !== undefined && said !== null && said !== UNKNOWN_PLATFORM && said !== 'generic' && said !== actual
  })

  const placements = computed(() => planPlacements(session.value.domains, session.value.host, delegation.value?.zone ?? null))

  const blocker = computed<Blocker | null>(() => {
    const s = session.value
    switch (s.step) {
      case 1: {
        const d = delegation.value
        if (d === null || delegationFor.value !== s.domain) return 'lookupFirst'
        if (d.problem !== null || d.zone === null) return 'domainNotFound'
        if (saidPlatform.value === null) return 'choosePlatform'
        if (platformMismatch.value && platformDecision.value === null) return 'decidePlatform'
        if (platformMismatch.value && platformDecision.value === 'move_dns') return 'movingDns'
        return null
      }
      case 2:
        if (s.domains.length === 0 || s.domains.some((domain) => domainProblem(domain) !== null)) return 'needDomains'
        if (s.host.trim() === '') return 'needHost'
        if (s.value.trim() === '') return 'needValue'
        return null
      case 4:
        return s.lastReport === null ? 'needCheck' : null
      default:
        return null
    }
  })

  const diagnoseInput = computed<DiagnoseInput>(() => {
    const s = session.value
    const input: DiagnoseInput = {
      domains: [...s.domains],
      host: s.host.trim(),
      type: s.type,
      value: s.value.trim(),
      ...useSettingsStore().diagnoseOptions
    }
    if (s.ca) input.ca = s.ca
    if (s.intendedPlatform && s.intendedPlatform !== 'generic') input.platform = s.intendedPlatform
    return input
  })

  async function save(): Promise<void> {
    try {
      const saved = await useSessionsStore().save(session.value)
      session.value = { ...session.value, updatedAt: saved.updatedAt }
    } catch (e) {
      const body = apiErrorOf(e)
      errors.value = { ...errors.value, [body.field ?? '']: body.message }
    }
  }

  function start(domain = ''): void {
    void stopWatch()
    session.value = blankSession(domain)
    delegation.value = null
    saidPlatform.value = null
    platformDecision.value = null
    errors.value = {}
    progress.value = null
  }

  async function resume(saved: VerificationSession): Promise<void> {
    await stopWatch()
    session.value = JSON.parse(JSON.stringify(saved)) as VerificationSession
    saidPlatform.value = saved.intendedPlatform ?? UNKNOWN_PLATFORM
    platformDecision.value = null
    errors.value = {}
    progress.value = null
    delegation.value = null
    if (saved.domain) await lookUpDelegation(saved.domain)
  }

  function setDomain(text: string): void {
    session.value.domain = text
    if (delegation.value && delegationFor.value !== cleanDomainInput(text)) delegation.value = null
    const { domain: _dropped, ...rest } = errors.value
    errors.value = rest
  }

  async function lookUpDelegation(text = session.value.domain): Promise<void> {
    const domain = cleanDomainInput(text)
    const problem = domainProblem(domain)
    session.value.domain = domain
    if (problem !== null) {
      errors.value = { ...errors.value, domain: `ui.errors.${problem}` }
      return
    }
    lookingUp.value = true
    errors.value = {}
    try {
      delegation.value = await getApi()['dns:delegation']({ domain })
      delegationFor.value = domain
    } catch (e) {
      // The domain is this call's only input: whatever field the main process names (`domain`, `domains.0`), show it there.
      errors.value = { domain: apiErrorOf(e).message }
      delegation.value = null
    } finally {
      lookingUp.value = false
    }
  }

  function choosePlatform(id: string | null): void {
    saidPlatform.value = id
    platformDecision.value = null
    applyPlatform()
  }

  function decidePlatform(decision: PlatformDecision): void {
    platformDecision.value = decision
    applyPlatform()
  }

  /** The platform the record will really be added at, for step 3's instructions and the engine. */
  function applyPlatform(): void {
    const actual = delegation.value?.provider?.id ?? null
    const said = saidPlatform.value
    if (said === null) session.value.intendedPlatform = null
    else if (platformMismatch.value) session.value.intendedPlatform = platformDecision.value === 'add_at_dns_host' ? actual : said
    else if (said === UNKNOWN_PLATFORM) session.value.intendedPlatform = actual
    else session.value.intendedPlatform = actual ?? said
  }

  function setRecord(patch: Partial<Pick<VerificationSession, 'host' | 'type' | 'value' | 'ca' | 'domains'>>): void {
    Object.assign(session.value, patch)
    const cleared = { ...errors.value }
    for (const key of Object.keys(patch)) {
      for (const field of Object.keys(cleared)) if (field === key || field.startsWith(`${key}.`)) delete cleared[field]
    }
    errors.value = cleared
  }

  /** Changes the certificate kind and fills the domain list the way that kind usually looks. */
  function setCertificateKind(kind: CertificateKind): void {
    const s = session.value
    const base = baseDomainOf(s.domains[0] ?? s.domain)
    s.certificateKind = kind
    if (kind === 'single') s.domains = [s.domains.find((d) => !d.startsWith('*.')) ?? s.domain]
    else if (kind === 'wildcard') s.domains = [`*.${base}`]
    else if (s.domains.length < 2) s.domains = [...new Set([...s.domains, s.domain, `www.${base}`])].filter((d) => d !== '')
  }

  async function goTo(target: StepNumber): Promise<void> {
    if (target === session.value.step) return
    if (session.value.step === 4 && target !== 4) await stopWatch()
    if (target === 2 && session.value.domains.length === 0) {
      session.value.domains = [session.value.domain]
    }
    session.value.step = target
    await save()
  }

  async function next(): Promise<void> {
    if (blocker.value !== null || session.value.step === 5) return
    await goTo((session.value.step + 1) as StepNumber)
  }

  async function back(): Promise<void> {
    if (session.value.step === 1) return
    await goTo((session.value.step - 1) as StepNumber)
  }

  function setReport(next: DiagnosisReport): void {
    session.value.lastReport = next
    session.value.lastVerdict = next.verdict
  }

  function onProgress(event: WatchProgress): void {
    if (event.sessionId !== session.value.id) return
    progress.value = event
    const inProgress = event.phase === 'checking' || event.phase === 'queued'
    checking.value = inProgress
    if (event.report) {
      setReport(event.report)
      void save()
    }
    // The main process ends a watch once everything is green (or the input cannot work): no next check.
    if (!inProgress && event.nextCheckAt === null) {
      autoCheck.value = false
      watching = false
    }
    if (event.phase === 'error' && event.message) errors.value = { ...errors.value, check: event.message }
    else if (event.phase === 'done') {
      const { check: _dropped, ...rest } = errors.value
      errors.value = rest
    }
  }

  /** Runs one diagnosis now and keeps its report. */
  async function checkNow(): Promise<void> {
    checking.value = true
    try {
      setReport(await getApi()['diagnosis:run'](diagnoseInput.value))
      const { check: _dropped, ...rest } = errors.value
      errors.value = rest
      await save()
    } catch (e) {
      reportCheckError(e)
    } finally {
      checking.value = false
    }
  }

  function reportCheckError(e: unknown): void {
    const body = apiErrorOf(e)
    errors.value = { ...errors.value, check: body.message, ...(body.field ? { [body.field]: body.message } : {}) }
  }

  // Listen from the start, for the life of the store: in browser mode the events come over one long-lived SSE
  // connection, and a check that ends within milliseconds of `watch:start` must find it already open.
  let listening = false
  function listen(): void {
    if (listening) return
    try {
      getApi().onDidWatchProgress(onProgress)
      listening = true
    } catch {
      // No transport yet (a page opened without the bridge's token): startWatch tries again.
    }
  }
  listen()

  /** Checks now and then every `watchIntervalSeconds`, with progress events; falls back to one check if the watch fails. */
  async function startWatch(): Promise<void> {
    const api = getApi()
    listen()
    watching = true
    autoCheck.value = true
    checking.value = true
    try {
      await api['watch:start']({
        sessionId: session.value.id,
        input: JSON.parse(JSON.stringify(diagnoseInput.value)) as DiagnoseInput,
        intervalSeconds: useSettingsStore().settings.watchIntervalSeconds
      })
    } catch (e) {
      checking.value = false
      if (apiErrorOf(e).code === 'bad_input') reportCheckError(e)
      else await checkNow()
    }
  }

  async function stopWatch(): Promise<void> {
    const wasWatching = watching
    watching = false
    autoCheck.value = false
    if (progress.value) progress.value = { ...progress.value, nextCheckAt: null }
    if (!wasWatching) return
    try {
      await getApi()['watch:stop']({ sessionId: session.value.id })
    } catch {
      // The watch is gone either way; nothing the user can do about it.
    }
  }

  return {
    session,
    delegation,
    lookingUp,
    saidPlatform,
    platformDecision,
    platformMismatch,
    errors,
    progress,
    checking,
    autoCheck,
    step,
    report,
    verdict,
    placements,
    blocker,
    diagnoseInput,
    start,
    resume,
    setDomain,
    lookUpDelegation,
    choosePlatform,
    decidePlatform,
    setRecord,
    setCertificateKind,
    goTo,
    next,
    back,
    checkNow,
    startWatch,
    stopWatch,
    save
  }
})
