import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Role } from '@/types/auth'
import type { AdminUserListParams, AdminUserSort, AdminUserSortField } from '@/types/admin'

/**
 * What the admin Users page shows, as kept in the query string so a link reproduces the view:
 * `?q=ali&role=admin&createdAfter=2026-01-01&createdBefore=2026-02-01&sort=-createdAt&page=2&size=50`.
 * `page` is 1-based here (as people count), 0-based in the API.
 */
export interface AdminUsersView {
  q: string
  role: Role | null
  createdAfter: string | null
  createdBefore: string | null
  sort: AdminUserSort
  page: number
  size: number
}

export const SORT_FIELDS: AdminUserSortField[] = ['username', 'displayName', 'createdAt']
export const PAGE_SIZES = [10, 20, 50, 100]
export const DEFAULT_VIEW: AdminUsersView = {
  q: '',
  role: null,
  createdAfter: null,
  createdBefore: null,
  sort: 'username',
  page: 1,
  size: 20,
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function first(value: LocationQuery[string] | undefined): string | undefined {
  const item = Array.isArray(value) ? value[0] : value
  return typeof item === 'string' ? item : undefined
}

function isSort(value: string | undefined): value is AdminUserSort {
  return value !== undefined && SORT_FIELDS.includes(value.replace(/^-/, '') as AdminUserSortField)
}

function dateOrNull(value: string | undefined): string | null {
  return value !== undefined && DATE.test(value) ? value : null
}

/** Reads the view from the query string; anything missing or invalid falls back to the default. */
export function viewFromQuery(query: LocationQuery): AdminUsersView {
  const role = first(query.role)
  const sort = first(query.sort)
  const page = Number(first(query.page))
  const size = Number(first(query.size))
  return {
    q: first(query.q)?.trim() ?? DEFAULT_VIEW.q,
    role: role === 'admin' || role === 'user' ? role : null,
    createdAfter: dateOrNull(first(query.createdAfter)),
    createdBefore: dateOrNull(first(query.createdBefore)),
    sort: isSort(sort) ? sort : DEFAULT_VIEW.sort,
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_VIEW.page,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_VIEW.size,
  }
}

/** The query string for a view; defaults are left out so links stay short. */
export function queryFromView(view: AdminUsersView): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (view.q) query.q = view.q
  if (view.role) query.role = view.role
  if (view.createdAfter) query.createdAfter = view.createdAfter
  if (view.createdBefore) query.createdBefore = view.createdBefore
  if (view.sort !== DEFAULT_VIEW.sort) query.sort = view.sort
  if (view.page !== DEFAULT_VIEW.page) query.page = String(view.page)
  if (view.size !== DEFAULT_VIEW.size) query.size = String(view.size)
  return query
}

/** The parameters of `GET /admin/users` for a view. */
export function requestParamsFromView(view: AdminUsersView): AdminUserListParams {
  const params: AdminUserListParams = { sort: view.sort, page: view.page - 1, size: view.size }
  if (view.q) params.q = view.q
  if (view.role) params.role = view.role
  if (view.createdAfter) params.createdAfter = view.createdAfter
  if (view.createdBefore) params.createdBefore = view.createdBefore
  return params
}

/** QTable's pagination object for a view (rowsNumber is the server's total). */
export interface TablePagination {
  sortBy: string | null
  descending: boolean
  page: number
  rowsPerPage: number
  rowsNumber?: number
}

export function paginationFromView(view: AdminUsersView, total?: number): TablePagination {
  return {
    sortBy: view.sort.replace(/^-/, ''),
    descending: view.sort.startsWith('-'),
    page: view.page,
    rowsPerPage: view.size,
    rowsNumber: total,
  }
}

/** The view after QTable asked for another page, page size or sort order. */
export function viewWithPagination(
  view: AdminUsersView,
  pagination: TablePagination,
): AdminUsersView {
  const field = SORT_FIELDS.find((name) => name === pagination.sortBy)
  const sort: AdminUserSort = field
    ? pagination.descending
      ? `-${field}`
      : field
    : DEFAULT_VIEW.sort
  const size = PAGE_SIZES.includes(pagination.rowsPerPage) ? pagination.rowsPerPage : view.size
  const page = size !== view.size || sort !== view.sort ? 1 : Math.max(1, pagination.page)
  return { ...view, sort, size, page }
}
