import { describe, expect, it } from 'vitest'
import { bulkSummary } from './bulkSummary'

describe('bulkSummary', () => {
  const names = new Map([
    ['1', 'ann'],
    ['2', 'bob'],
    ['3', 'cy'],
    ['4', 'admin'],
  ])

  it('counts what worked', () => {
    const result = { results: [{ id: '1', ok: true, status: 204 }] }

    expect(bulkSummary(result, 'deleted', names)).toBe('1 deleted')
  })

  it('names each failure with its detail', () => {
    const result = {
      results: [
        { id: '1', ok: true, status: 204 },
        { id: '2', ok: true, status: 204 },
        { id: '3', ok: true, status: 204 },
        {
          id: '4',
          ok: false,
          status: 409,
          code: 'SELF_CHANGE',
          detail: 'You cannot delete yourself.',
        },
      ],
    }

    expect(bulkSummary(result, 'deleted', names)).toBe(
      '3 deleted, 1 failed: admin: You cannot delete yourself.',
    )
  })

  it('falls back to the code, the status and the id', () => {
    const result = {
      results: [
        { id: '9', ok: false, status: 404, code: 'NOT_FOUND' },
        { id: '2', ok: false, status: 500 },
      ],
    }

    expect(bulkSummary(result, 'updated', names)).toBe(
      '0 updated, 2 failed: 9: NOT_FOUND; bob: HTTP 500',
    )
  })
})
