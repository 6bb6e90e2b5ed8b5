import { describe, expect, it } from 'vitest'
import {
  DEFAULT_VIEW,
  paginationFromView,
  queryFromView,
  requestParamsFromView,
  viewFromQuery,
  viewWithPagination,
} from './useAdminUsersQuery'

describe('admin Users view in the query string', () => {
  it('uses the defaults for an empty query string', () => {
    expect(viewFromQuery({})).toEqual(DEFAULT_VIEW)
    expect(queryFromView(DEFAULT_VIEW)).toEqual({})
    expect(requestParamsFromView(DEFAULT_VIEW)).toEqual({ sort: 'username', page: 0, size: 20 })
  })

  it('reads every filter, the sort and the 1-based page, and asks the API for the 0-based page', () => {
    const view = viewFromQuery({
      q: ' ada ',
      role: 'admin',
      createdAfter: '2026-01-01',
      createdBefore: '2026-02-01',
      sort: '-createdAt',
      page: '3',
      size: '50',
    })

    expect(view).toEqual({
      q: 'ada',
      role: 'admin',
      createdAfter: '2026-01-01',
      createdBefore: '2026-02-01',
      sort: '-createdAt',
      page: 3,
      size: 50,
    })
    expect(requestParamsFromView(view)).toEqual({
      q: 'ada',
      role: 'admin',
      createdAfter: '2026-01-01',
      createdBefore: '2026-02-01',
      sort: '-createdAt',
      page: 2,
      size: 50,
    })
  })

  it('round-trips a view through the query string', () => {
    const view = {
      ...DEFAULT_VIEW,
      q: 'bob',
      role: 'user' as const,
      sort: '-displayName' as const,
      page: 2,
    }

    const query = queryFromView(view)

    expect(query).toEqual({ q: 'bob', role: 'user', sort: '-displayName', page: '2' })
    expect(viewFromQuery(query as Record<string, string>)).toEqual(view)
  })

  it('ignores invalid values', () => {
    expect(
      viewFromQuery({
        role: 'root',
        sort: 'password',
        page: '-1',
        size: '7',
        createdAfter: 'yesterday',
      }),
    ).toEqual(DEFAULT_VIEW)
    expect(viewFromQuery({ page: ['2', '5'], q: ['x', 'y'] })).toMatchObject({ page: 2, q: 'x' })
  })

  it('maps QTable pagination both ways', () => {
    const view = { ...DEFAULT_VIEW, sort: '-createdAt' as const, page: 2 }

    expect(paginationFromView(view, 45)).toEqual({
      sortBy: 'createdAt',
      descending: true,
      page: 2,
      rowsPerPage: 20,
      rowsNumber: 45,
    })
    expect(
      viewWithPagination(view, { sortBy: 'createdAt', descending: true, page: 3, rowsPerPage: 20 }),
    ).toMatchObject({ sort: '-createdAt', page: 3 })
  })

  it('goes back to the first page when the sort or the page size changes', () => {
    const view = { ...DEFAULT_VIEW, page: 4 }

    expect(
      viewWithPagination(view, { sortBy: 'username', descending: true, page: 4, rowsPerPage: 20 }),
    ).toMatchObject({ sort: '-username', page: 1 })
    expect(
      viewWithPagination(view, { sortBy: 'username', descending: false, page: 4, rowsPerPage: 50 }),
    ).toMatchObject({ size: 50, page: 1 })
    expect(
      viewWithPagination(view, { sortBy: null, descending: false, page: 1, rowsPerPage: 20 }),
    ).toMatchObject({ sort: 'username' })
  })
})
