import type { AxiosInstance } from 'axios'
import type { Draft } from '@/types/cards'
import { apiClient } from './client'
import { ProblemError, toProblemError } from './problem'

/** The draft key of a new card; an edit uses the card id. */
export const NEW_CARD_DRAFT_KEY = 'new'

const draftPath = (key: string) => `/drafts/${encodeURIComponent(key)}`

/** The caller's draft under `key`, or null when there is none. */
export async function fetchDraft<T = Record<string, unknown>>(
  key: string,
  client: AxiosInstance = apiClient,
): Promise<Draft<T> | null> {
  try {
    return (await client.get<Draft<T>>(draftPath(key))).data
  } catch (caught) {
    const problem = toProblemError(caught)
    if (problem instanceof ProblemError && problem.status === 404) {
      return null
    }
    throw problem
  }
}

/** Saves (creates or replaces) the draft; `content` is any JSON object up to 1 MiB. */
export async function saveDraft<T extends object>(
  key: string,
  content: T,
  client: AxiosInstance = apiClient,
): Promise<Draft<T>> {
  return (await client.put<Draft<T>>(draftPath(key), { content })).data
}

/** Deletes the draft; one that is already gone is fine. */
export async function deleteDraft(key: string, client: AxiosInstance = apiClient): Promise<void> {
  try {
    await client.delete(draftPath(key))
  } catch (caught) {
    const problem = toProblemError(caught)
    if (problem.status !== 404) {
      throw problem
    }
  }
}
