import type { StoreProblemInfo } from '@shared/api'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getApi } from '../api'

/**
 * Files of the data folder the main process set aside as unreadable (a saved domain, the settings): each is told
 * once by `store:problems`, and stays on screen until the user dismisses it.
 */
export const useStoreProblemsStore = defineStore('storeProblems', () => {
  const problems = ref<StoreProblemInfo[]>([])

  /** Asks for the problems found since the last call (at start, and after the saved domains are read). */
  async function fetch(): Promise<void> {
    try {
      const fresh = await getApi()['store:problems']()
      if (fresh.length > 0) problems.value = [...problems.value, ...fresh]
    } catch {
      // Nothing to tell, or no transport yet: the next call asks again.
    }
  }

  function dismiss(index: number): void {
    problems.value = problems.value.filter((_, i) => i !== index)
  }

  return { problems, fetch, dismiss }
})
