import { ref } from 'vue'
import { defineStore } from 'pinia'
import * as searchApi from '@/api/search'
import { ProblemError, toProblemError } from '@/api/problem'
import type { Dashboard, SearchParams, SearchResult } from '@/types/search'

/**
 * Search and discovery: the results of the model search page and the start page's dashboard.
 * Only the answer to the latest request is kept, so a slow older search never replaces a newer one.
 */
export const useSearchStore = defineStore('search', () => {
  const result = ref<SearchResult | null>(null)
  const loading = ref(false)
  const error = ref<ProblemError | null>(null)

  const dashboard = ref<Dashboard | null>(null)
  const dashboardLoading = ref(false)
  const dashboardError = ref<ProblemError | null>(null)

  let latestSearch = 0
  let latestDashboard = 0

  /** Runs a search; a failure is kept in `error` and the previous result stays on screen. */
  async function search(params: SearchParams): Promise<SearchResult | null> {
    const request = ++latestSearch
    loading.value = true
    error.value = null
    try {
      const answer = await searchApi.searchModels(params)
      if (request === latestSearch) {
        result.value = answer
      }
      return answer
    } catch (caught) {
      if (request === latestSearch) {
        error.value = toProblemError(caught)
      }
      return null
    } finally {
      if (request === latestSearch) {
        loading.value = false
      }
    }
  }

  async function loadDashboard(size = 10): Promise<void> {
    const request = ++latestDashboard
    dashboardLoading.value = true
    dashboardError.value = null
    try {
      const answer = await searchApi.fetchDashboard(size)
      if (request === latestDashboard) {
        dashboard.value = answer
      }
    } catch (caught) {
      if (request === latestDashboard) {
        dashboardError.value = toProblemError(caught)
      }
    } finally {
      if (request === latestDashboard) {
        dashboardLoading.value = false
      }
    }
  }

  /** Forgets results and the dashboard (signed out, or another user signed in). */
  function $reset(): void {
    latestSearch++
    latestDashboard++
    result.value = null
    loading.value = false
    error.value = null
    dashboard.value = null
    dashboardLoading.value = false
    dashboardError.value = null
  }

  return {
    $reset,
    result,
    loading,
    error,
    dashboard,
    dashboardLoading,
    dashboardError,
    search,
    loadDashboard,
  }
})
