import type { VerificationSession } from '@shared/api'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getApi } from '../api'
import { apiErrorOf } from '../lib/api-error'
import type { ShownMessage } from '@shared/messages'

/** Every domain in progress (one session each), newest first, persisted by the main process. */
export const useSessionsStore = defineStore('sessions', () => {
  const sessions = ref<VerificationSession[]>([])
  const loading = ref(false)
  const error = ref<ShownMessage | null>(null)

  function sortNewestFirst(list: VerificationSession[]): VerificationSession[] {
    return [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      sessions.value = sortNewestFirst(await getApi()['sessions:list']())
      error.value = null
    } catch (e) {
      error.value = apiErrorOf(e)
    } finally {
      loading.value = false
    }
  }

  /** Saves (creates or replaces by id) and returns what the main process stored. Throws the api error. */
  async function save(session: VerificationSession): Promise<VerificationSession> {
    const saved = await getApi()['sessions:save'](JSON.parse(JSON.stringify(session)) as VerificationSession)
    sessions.value = sortNewestFirst([saved, ...sessions.value.filter((s) => s.id !== saved.id)])
    return saved
  }

  async function remove(id: string): Promise<void> {
    try {
      await getApi()['sessions:delete']({ id })
      sessions.value = sessions.value.filter((s) => s.id !== id)
      error.value = null
    } catch (e) {
      error.value = apiErrorOf(e)
    }
  }

  return { sessions, loading, error, load, save, remove }
})
