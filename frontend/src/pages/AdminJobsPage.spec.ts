import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Notify, Quasar } from 'quasar'
import AdminJobsPage from './AdminJobsPage.vue'
import { apiClient } from '@/api/client'
import { POLL_MS } from '@/components/admin/jobs/useJobList'
import { fakeAdapter, json } from '@/testing/fakeAdapter'
import type { Job, JobState } from '@/types/jobs'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

function job(n: number, state: JobState = 'succeeded'): Job {
  return {
    id: `j${n}`,
    type: n % 2 ? 'export' : 'import',
    state,
    summary: '',
    progress: { done: 1, total: 2, failed: 0 },
    items: [],
    requestedBy: 'admin',
    cancelRequested: false,
    params: {},
    result: null,
    createdAt: '2026-11-28T10:00:00Z',
  }
}

/** 45 jobs, newest first; j21, the first of the second page, is still running. */
const all = Array.from({ length: 45 }, (_, i) => job(i + 1, i === 20 ? 'running' : 'succeeded'))

async function mountPage() {
  const pages: unknown[] = []
  const adapter = fakeAdapter({
    'GET /admin/jobs': (config) => {
      const { page, size } = config.params as { page: number; size: number }
      pages.push({ page, size })
      return json({
        items: all.slice(page * size, (page + 1) * size),
        total: all.length,
        page,
        size,
      })
    },
    'GET /admin/jobs/j21': json({
      ...job(21, 'running'),
      progress: { done: 2, total: 2, failed: 0 },
    }),
    'GET /tasks': json([]),
    'POST /admin/exports': json(job(99, 'queued'), 202),
  })
  apiClient.defaults.adapter = adapter
  wrapper = mount(AdminJobsPage, {
    global: {
      plugins: [[Quasar, { plugins: { Notify } }]],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return { page: wrapper, adapter, pages }
}

const rowIds = (page: VueWrapper) =>
  page.findAll('[data-testid="job-row"]').map((row) => row.attributes('data-id'))

describe('AdminJobsPage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.useRealTimers()
  })

  it('pages through every job on the server, not only the newest 20', async () => {
    const { page, pages } = await mountPage()

    expect(pages).toEqual([{ page: 0, size: 20 }])
    expect(rowIds(page)).toHaveLength(20)
    expect(page.get('[data-testid="jobs-table"]').text()).toContain('1–20 of 45')

    await page.get('button[aria-label="Last page"]').trigger('click')
    await flushPromises()

    expect(pages.at(-1)).toEqual({ page: 2, size: 20 })
    expect(rowIds(page)).toEqual(['j41', 'j42', 'j43', 'j44', 'j45'])
    expect(page.get('[data-testid="jobs-table"]').text()).toContain('41–45 of 45')
  })

  it('follows a running job on the page shown', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { page, adapter } = await mountPage()
    await page.get('button[aria-label="Next page"]').trigger('click')
    await flushPromises()
    const running = () => page.get('[data-testid="job-row"][data-id="j21"]')
    expect(running().attributes('data-state')).toBe('running')

    vi.advanceTimersByTime(POLL_MS)
    await flushPromises()

    expect(adapter.requests).toContain('GET /admin/jobs/j21')
    expect(running().get('[data-testid="job-progress"]').text()).toContain('2 of 2')
  })

  it('names the progress bar of each job for screen readers', async () => {
    const { page } = await mountPage()

    const bars = page.findAll('[data-testid="job-row"] [role="progressbar"]')
    expect(bars.length).toBeGreaterThan(0)
    expect(bars.map((bar) => bar.attributes('aria-label'))).toEqual(bars.map(() => 'Job progress'))
  })

  it('shows a job started while another page was shown first, on the first page', async () => {
    const { page, pages } = await mountPage()
    await page.get('button[aria-label="Next page"]').trigger('click')
    await flushPromises()

    await page.get('[data-testid="export-form"]').trigger('submit')
    await flushPromises()

    expect(pages.at(-1)).toEqual({ page: 0, size: 20 })
    expect(rowIds(page)[0]).toBe('j99')
  })
})
