import type { WatchProgress } from '@shared/api'
import type { DiagnoseInput, DiagnosisReport } from '@shared/diagnosis-types'
import type { Verdict } from '@shared/findings'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { getApi } from '../api'
import { apiErrorOf } from '../lib/api-error'
import { useDraftStore } from './draft'
import { useSettingsStore } from './settings'

/** Step 4: one check now, or the main process re-checking every few seconds, and the progress of each. */
export const useCheckStore = defineStore('check', () => {
  const progress = ref<WatchProgress | null>(null)
  const checking = ref(false)
  const autoCheck = ref(true)
  /** Whether this renderer asked the main process to watch the current session (and has not stopped it). */
  let watching = false

  const report = computed<DiagnosisReport | null>(() => useDraftStore().session.lastReport)
  const verdict = computed<Verdict | null>(() => report.value?.verdict ?? null)

  const diagnoseInput = computed<DiagnoseInput>(() => {
    const s = useDraftStore().session
    const input: DiagnoseInput = {
      records: s.records.map((r) => ({ domain: r.domain.trim(), host: r.host.trim(), type: r.type, value: r.value.trim() })),
      ...useSettingsStore().diagnoseOptions
    }
    if (s.ca) input.ca = s.ca
    if (s.intendedPlatform && s.intendedPlatform !== 'generic') input.platform = s.intendedPlatform
    return input
  })

  function onProgress(event: WatchProgress): void {
    const draft = useDraftStore()
    if (event.sessionId !== draft.session.id) return
    progress.value = event
    // Queued (other checks go first) is still a check under way.
    const inProgress = event.phase === 'checking' || event.phase === 'queued'
    checking.value = inProgress
    if (event.report) {
      draft.setReport(event.report)
      void draft.save()
    }
    // The main process ends a watch once everything is green (or the input cannot work): no next check.
    if (!inProgress && event.nextCheckAt === null) {
      autoCheck.value = false
      watching = false
    }
    if (event.phase === 'error' && event.error) draft.setError('check', event.error)
    else if (event.phase === 'done') draft.clearErrors('check')
  }

  /** Runs one diagnosis now and keeps its report. */
  async function checkNow(): Promise<void> {
    const draft = useDraftStore()
    checking.value = true
    try {
      draft.setReport(await getApi()['diagnosis:run'](diagnoseInput.value))
      draft.clearErrors('check')
      await draft.save()
    } catch (e) {
      showCheckError(e)
    } finally {
      checking.value = false
    }
  }

  /** The error at the check, and at the field it names (so step 2 shows it too). */
  function showCheckError(e: unknown): void {
    const draft = useDraftStore()
    const body = apiErrorOf(e)
    draft.setError('check', body)
    if (body.field) draft.setError(body.field, body)
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
        sessionId: useDraftStore().session.id,
        input: JSON.parse(JSON.stringify(diagnoseInput.value)) as DiagnoseInput,
        intervalSeconds: useSettingsStore().settings.watchIntervalSeconds
      })
    } catch (e) {
      checking.value = false
      if (apiErrorOf(e).code === 'bad_input') showCheckError(e)
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
      await getApi()['watch:stop']({ sessionId: useDraftStore().session.id })
    } catch {
      // The watch is gone either way; nothing the user can do about it.
    }
  }

  /** Forgets the progress of another session's check. */
  function reset(): void {
    progress.value = null
  }

  return { progress, checking, autoCheck, report, verdict, diagnoseInput, checkNow, startWatch, stopWatch, reset }
})
