import { describe, expect, it } from 'vitest'
import {
  DEFAULT_VIEW,
  activeFilterCount,
  clearFilters,
  hasFilters,
  isSelected,
  pageCount,
  queryFromView,
  requestParamsFromView,
  toggleFacet,
  viewFromQuery,
  type SearchView,
} from './useSearchQuery'

const full: SearchView = {
  q: 'image classifier',
  task: ['computer vision', 'audio'],
  tags: ['imagenet', 'resnet'],
  frameworks: ['pytorch'],
  owner: 'me',
  hasDemoApp: true,
  hasVideo: false,
  updatedAfter: '2026-11-01',
  updatedBefore: '2026-12-01',
  sort: 'newest',
  page: 3,
  size: 48,
  view: 'list',
}

describe('model search view in the query string', () => {
  it('uses the defaults for an empty query string and leaves them out of links', () => {
    expect(viewFromQuery({})).toEqual(DEFAULT_VIEW)
    expect(queryFromView(DEFAULT_VIEW)).toEqual({})
    expect(requestParamsFromView(DEFAULT_VIEW)).toEqual({ page: 0, size: 20 })
  })

  it('round-trips every parameter', () => {
    const query = queryFromView(full)

    expect(query).toEqual({
      q: 'image classifier',
      task: ['computer vision', 'audio'],
      tags: ['imagenet', 'resnet'],
      frameworks: ['pytorch'],
      owner: 'me',
      hasDemoApp: 'true',
      hasVideo: 'false',
      updatedAfter: '2026-11-01',
      updatedBefore: '2026-12-01',
      sort: 'newest',
      page: '3',
      size: '48',
      view: 'list',
    })
    expect(viewFromQuery(query as Record<string, string | string[]>)).toEqual(full)
  })

  it('asks the API for the 0-based page and repeats list parameters, without the layout', () => {
    expect(requestParamsFromView(full)).toEqual({
      q: 'image classifier',
      task: ['computer vision', 'audio'],
      tags: ['imagenet', 'resnet'],
      frameworks: ['pytorch'],
      owner: 'me',
      hasDemoApp: true,
      hasVideo: false,
      updatedAfter: '2026-11-01',
      updatedBefore: '2026-12-01',
      sort: 'newest',
      page: 2,
      size: 48,
    })
  })

  it('reads a single list value as a list, e.g. from a card label link', () => {
    expect(viewFromQuery({ tags: 'ImageNet', task: 'Computer Vision' })).toMatchObject({
      tags: ['ImageNet'],
      task: ['Computer Vision'],
    })
  })

  it('ignores invalid values, blanks and duplicates', () => {
    expect(
      viewFromQuery({
        sort: 'score',
        page: '0',
        size: '500',
        view: 'table',
        hasDemoApp: 'yes',
        updatedAfter: 'yesterday',
        owner: '  ',
        q: '  ',
        tags: ['a', ' A ', '', 'b'],
      }),
    ).toEqual({ ...DEFAULT_VIEW, tags: ['a', 'b'] })
    expect(viewFromQuery({ q: ['x', 'y'], page: ['2', '5'] })).toMatchObject({ q: 'x', page: 2 })
  })

  it('brings a page past the first 10,000 results back to the last one the server pages to', () => {
    expect(viewFromQuery({ page: '600' }).page).toBe(500)
    expect(viewFromQuery({ page: '600', size: '100' }).page).toBe(100)
    expect(viewFromQuery({ page: '99999999999' }).page).toBe(500)
    expect(viewFromQuery({ page: '500' }).page).toBe(500)
    // The server's rule: (page + 1) * size ≤ 10,000 with its 0-based page.
    const { page, size } = viewFromQuery({ page: '700', size: '48' })
    expect(page * size).toBeLessThanOrEqual(10_000)
    expect((page + 1) * size).toBeGreaterThan(10_000)
  })

  it('leaves out the filter values the server would refuse with a 400', () => {
    expect(
      viewFromQuery({
        task: ['t'.repeat(101), 't'.repeat(100)],
        tags: ['x'.repeat(41), 'ok', '\u0001\u0002'],
        frameworks: ['f'.repeat(41)],
        owner: 'o'.repeat(101),
        updatedAfter: '2026-02-30',
        updatedBefore: '0000-01-01',
      }),
    ).toEqual({ ...DEFAULT_VIEW, task: ['t'.repeat(100)], tags: ['ok'] })
    expect(
      viewFromQuery({ updatedAfter: '2026-12-01', updatedBefore: '2026-11-01' }),
    ).toMatchObject({ updatedAfter: '2026-12-01', updatedBefore: null })
    expect(
      viewFromQuery({ updatedAfter: '2024-02-28', updatedBefore: '2024-02-29' }),
    ).toMatchObject({ updatedAfter: '2024-02-28', updatedBefore: '2024-02-29' })
  })
})

describe('facet toggling', () => {
  const view: SearchView = { ...DEFAULT_VIEW, page: 4, tags: ['imagenet'] }

  it('adds and removes values of list facets, going back to the first page', () => {
    const added = toggleFacet(view, 'tags', 'resnet')
    expect(added).toMatchObject({ tags: ['imagenet', 'resnet'], page: 1 })

    const removed = toggleFacet(added, 'tags', 'imagenet')
    expect(removed.tags).toEqual(['resnet'])

    expect(toggleFacet(view, 'task', 'audio').task).toEqual(['audio'])
    expect(toggleFacet(view, 'frameworks', 'jax').frameworks).toEqual(['jax'])
  })

  it('compares values ignoring case and spaces, as the server does', () => {
    const linked = { ...DEFAULT_VIEW, tags: ['ImageNet'] }

    expect(isSelected(linked, 'tags', 'imagenet')).toBe(true)
    expect(toggleFacet(linked, 'tags', 'imagenet').tags).toEqual([])
  })

  it('keeps one owner: ticking another replaces it, ticking it again clears it', () => {
    const alice = toggleFacet(view, 'owner', 'alice')
    expect(alice.owner).toBe('alice')
    expect(toggleFacet(alice, 'owner', 'bob').owner).toBe('bob')
    expect(toggleFacet(alice, 'owner', 'Alice').owner).toBeNull()
  })

  it('leaves the other filters as they are', () => {
    const next = toggleFacet({ ...full }, 'frameworks', 'jax')

    expect(next).toEqual({ ...full, frameworks: ['pytorch', 'jax'], page: 1 })
  })

  it('clears text and filters but keeps sort, size and layout', () => {
    expect(hasFilters(full)).toBe(true)
    const cleared = clearFilters(full)
    expect(cleared).toEqual({ ...DEFAULT_VIEW, sort: 'newest', size: 48, view: 'list' })
    expect(hasFilters(cleared)).toBe(false)
  })

  it('counts each ticked value, toggle and date of the sidebar, not the text', () => {
    // 2 tasks, 2 tags, 1 framework, the owner, the two toggles and the two dates.
    expect(activeFilterCount(full)).toBe(10)
    expect(activeFilterCount({ ...DEFAULT_VIEW, q: 'resnet' })).toBe(0)
    expect(hasFilters({ ...DEFAULT_VIEW, q: 'resnet' })).toBe(true)
    expect(activeFilterCount({ ...DEFAULT_VIEW, hasVideo: false })).toBe(1)
  })

  it('counts only the pages the server lets one reach by number', () => {
    expect(pageCount(0, 20)).toBe(1)
    expect(pageCount(41, 20)).toBe(3)
    expect(pageCount(1_000_000, 100)).toBe(100)
  })
})
