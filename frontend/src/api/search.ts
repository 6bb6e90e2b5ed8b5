import type { AxiosInstance } from 'axios'
import type { Dashboard, SearchParams, SearchResult, Suggestions } from '@/types/search'
import { apiClient } from './client'

/** Cards matching text and filters, with facet counts and highlighted snippets. */
export async function searchModels(
  params: SearchParams,
  client: AxiosInstance = apiClient,
): Promise<SearchResult> {
  return (
    await client.get<SearchResult>('/search/models', {
      params,
      // tags=a&tags=b, as the server expects, rather than axios' default tags[]=a
      paramsSerializer: { indexes: null },
    })
  ).data
}

/** Titles and tags starting with what the user typed (quick search). */
export async function suggest(
  q: string,
  size = 8,
  client: AxiosInstance = apiClient,
): Promise<Suggestions> {
  return (await client.get<Suggestions>('/search/suggest', { params: { q, size } })).data
}

/** Recently updated cards, the caller's own cards and counts per task. */
export async function fetchDashboard(
  size = 10,
  client: AxiosInstance = apiClient,
): Promise<Dashboard> {
  return (await client.get<Dashboard>('/search/dashboard', { params: { size } })).data
}
