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
/** Longest values the server takes (core/app SearchRequest: TASK_MAX, LABEL_MAX, OWNER_MAX). */
export const TASK_MAX = 100
export const LABEL_MAX = 40
export const OWNER_MAX = 100

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

/** Whether a value has a character besides spaces and controls (the server's facet key drops those). */
const visible = (value: string) => value.replace(/[\u0000-\u001F\u007F-\u009F]/g, '').trim() !== ''

/**
 * Every value the server takes (visible, at most `maxLength` long once trimmed), trimmed, without
 * duplicates (ignoring case, as the server compares); one value it would refuse would make the
 * whole search a 400.
 */
function list(value: QueryValue, maxLength: number): string[] {
  const values = (Array.isArray(value) ? value : [value]).filter(
    (v): v is string => typeof v === 'string',
  )
  const seen = new Set<string>()
  const result: string[] = []
  for (const raw of values) {
    const v = raw.trim()
    if (v && v.length <= maxLength && visible(v) && !seen.has(v.toLowerCase())) {
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

/** A `YYYY-MM-DD` day that exists, from the year 1 (the server refuses 2026-02-30 and 0000). */
function date(value: QueryValue): string | null {
  const v = first(value)
  if (v === undefined || !DATE.test(v)) {
    return null
  }
  const [year, month, day] = v.split('-').map(Number) as [number, number, number]
  const parsed = new Date(0)
  parsed.setUTCFullYear(year, month - 1, day)
  const exists =
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
  return year >= 1 && exists ? v : null
}

/** The last page the server lets one reach by number at this page size (1-based). */
export function lastReachablePage(size: number): number {
  return Math.floor(PAGE_WINDOW / size)
}

/**
 * Reads the view from the query string; anything missing or invalid falls back to the default,
 * and what the server would refuse with a 400 (an over-long filter value, a day that does not
 * exist, a page past the first 10,000 results) is left out or brought within its limits, so that
 * an old or edited link still shows a search.
 */
export function viewFromQuery(query: LocationQuery): SearchView {
  const sort = first(query.sort)
  const page = Number(first(query.page))
  const sizeValue = Number(first(query.size))
  const size =
    Number.isInteger(sizeValue) && sizeValue >= 1 && sizeValue <= 100
      ? sizeValue
      : DEFAULT_VIEW.size
  const layout = first(query.view)
  const owner = first(query.owner)
  const updatedAfter = date(query.updatedAfter)
  const updatedBefore = date(query.updatedBefore)
  return {
    q: (first(query.q) ?? '').trim().slice(0, TEXT_MAX),
    task: list(query.task, TASK_MAX),
    tags: list(query.tags, LABEL_MAX),
    frameworks: list(query.frameworks, LABEL_MAX),
    owner: owner?.trim() && owner.length <= OWNER_MAX ? owner.trim() : null,
    hasDemoApp: flag(query.hasDemoApp),
    hasVideo: flag(query.hasVideo),
    updatedAfter,
    // The server wants the end after the start.
    updatedBefore:
      updatedAfter && updatedBefore && updatedBefore <= updatedAfter ? null : updatedBefore,
    sort: SORTS.includes(sort as SearchSort) ? (sort as SearchSort) : DEFAULT_VIEW.sort,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, lastReachablePage(size)) : 1,
    size,
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
  return Math.max(1, Math.min(pages, lastReachablePage(size)))
}
