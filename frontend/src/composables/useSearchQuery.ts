import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { FacetName, SearchParams, SearchSort } from '@/types/search'

/**
 * What the model search page shows, kept in the query string so a link reproduces the view:
 * `?q=resnet&task=audio&tags=a&tags=b&frameworks=pytorch&owner=me&hasDemoApp=true&hasVideo=false
 * &updatedAfter=2026-11-01&updatedBefore=2026-12-01&sort=newest&page=2&size=50&view=list`.
 * `page` is 1-based here (as people count), 0-based in the API. Defaults are left out of links.
 */
export interface SearchView {
  q: string
  /** Any of these tasks (OR). */
  task: string[]
  /** All of these tags (AND). */
  tags: string[]
  /** Any of these frameworks (OR). */
  frameworks: string[]
  /** A username or `me`. */
  owner: string | null
  hasDemoApp: boolean | null
  hasVideo: boolean | null
  /** `YYYY-MM-DD`, inclusive. */
  updatedAfter: string | null
  /** `YYYY-MM-DD`, exclusive. */
  updatedBefore: string | null
  sort: SearchSort
  page: number
  size: number
  view: SearchLayout
}

export type SearchLayout = 'grid' | 'list'

export const SORTS: SearchSort[] = ['relevance', 'newest', 'updated', 'title']
export const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Relevance',
  newest: 'Newest',
  updated: 'Recently updated',
  title: 'Title',
}
export const PAGE_SIZES = [12, 20, 48, 100]
/** Only the first 10,000 results can be reached by page (docs/api/search.md). */
export const PAGE_WINDOW = 10_000
export const TEXT_MAX = 200
export const VALUES_MAX = 20

export const DEFAULT_VIEW: SearchView = {
  q: '',
  task: [],
  tags: [],
  frameworks: [],
  owner: null,
  hasDemoApp: null,
  hasVideo: null,
  updatedAfter: null,
  updatedBefore: null,
  sort: 'relevance',
  page: 1,
  size: 20,
  view: 'grid',
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

type QueryValue = LocationQuery[string] | undefined

function first(value: QueryValue): string | undefined {
  const item = Array.isArray(value) ? value[0] : value
  return typeof item === 'string' ? item : undefined
}

/** Every non-blank value, trimmed, without duplicates (ignoring case, as the server compares). */
function list(value: QueryValue): string[] {
  const values = (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string',
  )
  const seen = new Set<string>()
  const result: string[] = []
  for (const raw of values) {
    const v = raw.trim()
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase())
      result.push(v)
    }
  }
  return result.slice(0, VALUES_MAX)
}

function flag(value: QueryValue): boolean | null {
  const v = first(value)
  return v === 'true' ? true : v === 'false' ? false : null
}

function date(value: QueryValue): string | null {
  const v = first(value)
  return v !== undefined && DATE.test(v) ? v : null
}

/** Reads the view from the query string; anything missing or invalid falls back to the default. */
export function viewFromQuery(query: LocationQuery): SearchView {
  const sort = first(query.sort)
  const page = Number(first(query.page))
  const size = Number(first(query.size))
  const layout = first(query.view)
  const owner = first(query.owner)?.trim()
  return {
    q: (first(query.q) ?? '').trim().slice(0, TEXT_MAX),
    task: list(query.task),
    tags: list(query.tags),
    frameworks: list(query.frameworks),
    owner: owner ? owner : null,
    hasDemoApp: flag(query.hasDemoApp),
    hasVideo: flag(query.hasVideo),
    updatedAfter: date(query.updatedAfter),
    updatedBefore: date(query.updatedBefore),
    sort: SORTS.includes(sort as SearchSort) ? (sort as SearchSort) : DEFAULT_VIEW.sort,
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_VIEW.page,
    size: Number.isInteger(size) && size >= 1 && size <= 100 ? size : DEFAULT_VIEW.size,
    view: layout === 'list' || layout === 'grid' ? layout : DEFAULT_VIEW.view,
  }
}

/** The query string of a view; defaults are left out so links stay short. */
export function queryFromView(view: SearchView): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (view.q) query.q = view.q
  if (view.task.length) query.task = [...view.task]
  if (view.tags.length) query.tags = [...view.tags]
  if (view.frameworks.length) query.frameworks = [...view.frameworks]
  if (view.owner) query.owner = view.owner
  if (view.hasDemoApp !== null) query.hasDemoApp = String(view.hasDemoApp)
  if (view.hasVideo !== null) query.hasVideo = String(view.hasVideo)
  if (view.updatedAfter) query.updatedAfter = view.updatedAfter
  if (view.updatedBefore) query.updatedBefore = view.updatedBefore
  if (view.sort !== DEFAULT_VIEW.sort) query.sort = view.sort
  if (view.page !== DEFAULT_VIEW.page) query.page = String(view.page)
  if (view.size !== DEFAULT_VIEW.size) query.size = String(view.size)
  if (view.view !== DEFAULT_VIEW.view) query.view = view.view
  return query
}

/** The parameters of `GET /search/models` for a view (the layout is the page's own business). */
export function requestParamsFromView(view: SearchView): SearchParams {
  const params: SearchParams = { page: view.page - 1, size: view.size }
  if (view.q) params.q = view.q
  if (view.task.length) params.task = view.task
  if (view.tags.length) params.tags = view.tags
  if (view.frameworks.length) params.frameworks = view.frameworks
  if (view.owner) params.owner = view.owner
  if (view.hasDemoApp !== null) params.hasDemoApp = view.hasDemoApp
  if (view.hasVideo !== null) params.hasVideo = view.hasVideo
  if (view.updatedAfter) params.updatedAfter = view.updatedAfter
  if (view.updatedBefore) params.updatedBefore = view.updatedBefore
  if (view.sort !== DEFAULT_VIEW.sort) params.sort = view.sort
  return params
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** Whether a facet value is selected (values compare ignoring case and surrounding spaces). */
export function isSelected(view: SearchView, facet: FacetName, value: string): boolean {
  if (facet === 'owner') {
    return view.owner !== null && same(view.owner, value)
  }
  return view[facet].some((selected) => same(selected, value))
}

/**
 * The view after a facet's check box was ticked or cleared: task and frameworks (OR) and tags
 * (AND) add or remove the value; owner is one value, so ticking another replaces it. Any change
 * of filters goes back to the first page.
 */
export function toggleFacet(view: SearchView, facet: FacetName, value: string): SearchView {
  if (facet === 'owner') {
    return { ...view, owner: isSelected(view, 'owner', value) ? null : value, page: 1 }
  }
  const current = view[facet]
  const next = isSelected(view, facet, value)
    ? current.filter((selected) => !same(selected, value))
    : [...current, value].slice(0, VALUES_MAX)
  return { ...view, [facet]: next, page: 1 }
}

/** How many values of the sidebar narrow the search: each ticked facet value, toggle and date. */
export function activeFilterCount(view: SearchView): number {
  const set = [view.owner, view.hasDemoApp, view.hasVideo, view.updatedAfter, view.updatedBefore]
  return (
    view.task.length +
    view.tags.length +
    view.frameworks.length +
    set.filter((value) => value !== null).length
  )
}

/** Whether any filter or text narrows the search (the layout, sort and paging do not). */
export function hasFilters(view: SearchView): boolean {
  return view.q !== '' || activeFilterCount(view) > 0
}

/** The view without text and filters; sort, page size and layout stay. */
export function clearFilters(view: SearchView): SearchView {
  return { ...DEFAULT_VIEW, sort: view.sort, size: view.size, view: view.view }
}

/** How many pages can be reached by page number for a total. */
export function pageCount(total: number, size: number): number {
  const pages = Math.ceil(total / size)
  return Math.max(1, Math.min(pages, Math.floor(PAGE_WINDOW / size)))
}
