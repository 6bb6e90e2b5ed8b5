import { describe, expect, it } from 'vitest'
import {
  formatSize,
  hasBundle,
  isActive,
  progressFraction,
  progressText,
  stateLabel,
  upsertJob,
} from './jobFormat'
import type { Job } from '@/types/jobs'

function job(partial: Partial<Job>): Job {
  return {
    id: 'j1',
    type: 'export',
    state: 'succeeded',
    summary: '',
    progress: { done: 0, total: 0, failed: 0 },
    items: [],
    requestedBy: 'admin',
    cancelRequested: false,
    params: {},
    result: null,
    createdAt: '2026-11-28T10:00:00Z',
    ...partial,
  }
}

describe('job formatting', () => {
  it('follows queued and running jobs only', () => {
    expect(isActive(job({ state: 'queued' }))).toBe(true)
    expect(isActive(job({ state: 'running' }))).toBe(true)
    expect(isActive(job({ state: 'completed_with_failures' }))).toBe(false)
    expect(stateLabel('completed_with_failures')).toBe('Completed with failures')
  })

  it('reports progress over the items, failures included', () => {
    const running = job({ state: 'running', progress: { done: 3, total: 4, failed: 1 } })
    expect(progressFraction(running)).toBe(0.75)
    expect(progressText(running)).toBe('3 of 4 cards, 1 failed')
    expect(progressFraction(job({ progress: { done: 0, total: 0, failed: 0 } }))).toBe(0)
  })

  it('offers a download only for a finished export that stored a bundle', () => {
    const stored = { cards: 2, key: 'exports/j1.zip', size: 10 }
    expect(hasBundle(job({ result: stored }))).toBe(true)
    expect(hasBundle(job({ state: 'running', result: stored }))).toBe(false)
    expect(hasBundle(job({ result: { cards: 0 } }))).toBe(false)
    expect(hasBundle(job({ type: 'import', result: stored }))).toBe(false)
  })

  it('replaces a job in place and puts new ones first', () => {
    const list = [job({ id: 'a' }), job({ id: 'b' })]
    expect(
      upsertJob(list, job({ id: 'b', state: 'failed' })).map((j) => `${j.id}:${j.state}`),
    ).toEqual(['a:succeeded', 'b:failed'])
    expect(upsertJob(list, job({ id: 'c' })).map((j) => j.id)).toEqual(['c', 'a', 'b'])
  })

  it('writes sizes in binary units', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MiB')
  })
})
