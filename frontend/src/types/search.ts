/** Types of the search contract (docs/api/search.md). */
import type { CardSummary, UserRef } from './cards'

export type SearchSort = 'relevance' | 'newest' | 'updated' | 'title'

/** One value of a facet: send `value` back as the filter, show `label`. */
export interface FacetValue {
  value: string
  label: string
  count: number
}

export type FacetName = 'task' | 'tags' | 'frameworks' | 'owner'

export type SearchFacets = Record<FacetName, FacetValue[]>

/** Fields a word of `q` was found in; escaped text where only `<mark>` is markup. */
export interface SearchSnippets {
  title?: string
  description?: string
  /** explanation, usage, limitations */
  sections?: string
  /** body and performance documents */
  documents?: string
}

export interface SearchHit extends CardSummary {
  snippets?: SearchSnippets
  /** Relevance; null without `q`. */
  score: number | null
}

/** `GET /api/v1/search/models` */
export interface SearchResult {
  items: SearchHit[]
  total: number
  /** Null when the page was asked for with a cursor. */
  page: number | null
  size: number
  nextCursor: string | null
  facets: SearchFacets
}

/** Parameters of `GET /api/v1/search/models`; lists repeat (`tags=a&tags=b`). */
export interface SearchParams {
  q?: string
  task?: string[]
  tags?: string[]
  frameworks?: string[]
  owner?: string
  hasDemoApp?: boolean
  hasVideo?: boolean
  updatedAfter?: string
  updatedBefore?: string
  sort?: SearchSort
  page?: number
  size?: number
  cursor?: string
}

export interface SuggestedTitle {
  id: string
  slug: string
  title: string
  owner: UserRef
}

/** `GET /api/v1/search/suggest` */
export interface Suggestions {
  titles: SuggestedTitle[]
  tags: FacetValue[]
}

/** `GET /api/v1/search/dashboard` */
export interface Dashboard {
  recent: { items: CardSummary[] }
  mine: { items: CardSummary[]; total: number }
  tasks: FacetValue[]
}
