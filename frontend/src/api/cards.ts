import type { AxiosInstance, AxiosResponse } from 'axios'
import type {
  Card,
  CardInput,
  CardListParams,
  CardPage,
  CardPatch,
  Revision,
  RevisionDetail,
  UserRef,
  VersionedCard,
} from '@/types/cards'
import { apiClient } from './client'

/** Merge patches are sent as such; the server also takes plain JSON. */
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json'

const cardPath = (owner: string, slug: string) =>
  `/models/${encodeURIComponent(owner)}/${encodeURIComponent(slug)}`

function versioned(response: AxiosResponse<Card>): VersionedCard {
  const etag: unknown = response.headers?.etag
  return { card: response.data, etag: typeof etag === 'string' && etag ? etag : null }
}

/** `If-Match` from the ETag of the last read (sent as the server wrote it, quotes included). */
function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {}
}

export async function fetchCards(
  params: CardListParams,
  client: AxiosInstance = apiClient,
): Promise<CardPage> {
  return (
    await client.get<CardPage>('/models', {
      params,
      // tags=a&tags=b rather than axios' default tags[]=a
      paramsSerializer: { indexes: null },
    })
  ).data
}

export async function fetchCard(
  owner: string,
  slug: string,
  client: AxiosInstance = apiClient,
): Promise<VersionedCard> {
  return versioned(await client.get<Card>(cardPath(owner, slug)))
}

export async function createCard(
  input: CardInput,
  client: AxiosInstance = apiClient,
): Promise<VersionedCard> {
  return versioned(await client.post<Card>('/models', input))
}

/** A JSON merge patch, guarded by `If-Match` (428 without it, 412 when stale). */
export async function patchCard(
  owner: string,
  slug: string,
  patch: CardPatch,
  etag: string | null,
  client: AxiosInstance = apiClient,
): Promise<VersionedCard> {
  return versioned(
    await client.patch<Card>(cardPath(owner, slug), patch, {
      headers: { 'Content-Type': MERGE_PATCH_CONTENT_TYPE, ...ifMatch(etag) },
    }),
  )
}

export async function deleteCard(
  owner: string,
  slug: string,
  etag: string | null,
  client: AxiosInstance = apiClient,
): Promise<void> {
  await client.delete(cardPath(owner, slug), { headers: ifMatch(etag) })
}

export async function fetchRevisions(
  owner: string,
  slug: string,
  client: AxiosInstance = apiClient,
): Promise<Revision[]> {
  return (await client.get<{ items: Revision[] }>(`${cardPath(owner, slug)}/revisions`)).data.items
}

export async function fetchRevision(
  owner: string,
  slug: string,
  number: number,
  client: AxiosInstance = apiClient,
): Promise<RevisionDetail> {
  return (await client.get<RevisionDetail>(`${cardPath(owner, slug)}/revisions/${number}`)).data
}

/** Writes a new revision with the content of revision `number`; needs `If-Match`. */
export async function restoreRevision(
  owner: string,
  slug: string,
  number: number,
  etag: string | null,
  client: AxiosInstance = apiClient,
): Promise<VersionedCard> {
  return versioned(
    await client.post<Card>(`${cardPath(owner, slug)}/revisions/${number}/restore`, undefined, {
      headers: ifMatch(etag),
    }),
  )
}

export async function fetchTasks(client: AxiosInstance = apiClient): Promise<string[]> {
  return (await client.get<string[]>('/tasks')).data
}

/** Users to share a private card with, by username or display name. */
export async function lookupUsers(
  query: string,
  size = 10,
  client: AxiosInstance = apiClient,
): Promise<UserRef[]> {
  return (await client.get<{ items: UserRef[] }>('/users/lookup', { params: { query, size } })).data
    .items
}

/** One result of a bulk delete: 204 deleted, 404 unknown or invisible, 403 not the caller's. */
export interface BulkDeleteResult {
  id: string
  status: number
  code?: string
  detail?: string
}

/** Deletes up to 100 cards; each answers for itself, so one refusal does not stop the others. */
export async function bulkDeleteCards(
  ids: string[],
  client: AxiosInstance = apiClient,
): Promise<BulkDeleteResult[]> {
  return (await client.post<{ results: BulkDeleteResult[] }>('/models/bulk-delete', { ids })).data
    .results
}

/** One card of a hand-over: 200 with its new address and version, or why it stayed. */
export interface OwnerChangeResult {
  id: string
  status: number
  code?: string
  detail?: string
  /** The new owner's username and the card's slug under them (200 only). */
  owner?: string
  slug?: string
  version?: number
}

/**
 * Hands cards (with their demo apps) over to the user `ownerId` (admins only). Each card names
 * the version it was read at, so one changed meanwhile answers 412 and stays as it is.
 */
export async function changeCardOwner(
  ownerId: string,
  cards: { id: string; version: number }[],
  client: AxiosInstance = apiClient,
): Promise<OwnerChangeResult[]> {
  return (
    await client.post<{ results: OwnerChangeResult[] }>('/admin/cards/owner', {
      owner: ownerId,
      cards,
    })
  ).data.results
}
