import { describe, expect, it } from 'vitest'
import { bulkCardsSummary, deleteOutcomes } from './cardsBulk'

describe('bulk card summaries', () => {
  it('counts what worked and names what failed with its reason', () => {
    const outcomes = deleteOutcomes([
      { id: 'a', status: 204 },
      { id: 'b', status: 404 },
      { id: 'c', status: 403, detail: 'not yours' },
    ])
    const summary = bulkCardsSummary(
      'Deleted',
      outcomes,
      new Map([
        ['b', 'BERT'],
        ['c', 'CLIP'],
      ]),
    )
    expect(summary).toEqual({
      message: 'Deleted 1 card; 2 failed — BERT: not found; CLIP: not yours',
      failed: true,
    })
  })

  it('says plainly when everything worked', () => {
    expect(
      bulkCardsSummary(
        'Made public',
        [
          { id: 'a', ok: true },
          { id: 'b', ok: true },
        ],
        new Map(),
      ),
    ).toEqual({ message: 'Made public 2 cards', failed: false })
  })
})
