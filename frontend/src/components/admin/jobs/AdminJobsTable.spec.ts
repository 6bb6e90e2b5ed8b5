import { afterEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import AdminJobsTable from './AdminJobsTable.vue'
import type { Job } from '@/types/jobs'

let wrapper: VueWrapper | undefined

function exportJob(result: Job['result']): Job {
  return {
    id: '0b6f2c1e-5d4a-4c3b-9a8f-7e6d5c4b3a21',
    type: 'export',
    state: 'succeeded',
    summary: '',
    progress: { done: 2, total: 2, failed: 0 },
    items: [],
    requestedBy: 'admin',
    cancelRequested: false,
    params: {},
    result,
    createdAt: '2026-11-30T06:00:00Z',
  }
}

function mountTable(job: Job) {
  wrapper = mount(AdminJobsTable, {
    props: {
      jobs: [job],
      loading: false,
      pagination: { page: 1, rowsPerPage: 20, rowsNumber: 1 },
    },
    global: { plugins: [Quasar] },
  })
  return wrapper
}

afterEach(() => wrapper?.unmount())

describe('AdminJobsTable', () => {
  it('says when this server would not import the bundle an export made, and why', () => {
    const table = mountTable(
      exportJob({
        cards: 2,
        key: 'exports/x.zip',
        size: 3_000_000_000,
        importWarnings: [
          'it is 3000000000 bytes, more than an import accepts (2147483648, aiappstore.import.max-bytes)',
        ],
      }),
    )

    expect(table.find('[data-testid="job-import-warning"]').text()).toContain(
      'This server would not import it: it is 3000000000 bytes',
    )
  })

  it('says nothing of the kind for a bundle that fits', () => {
    const table = mountTable(exportJob({ cards: 2, key: 'exports/x.zip', size: 1000 }))

    expect(table.find('[data-testid="job-import-warning"]').exists()).toBe(false)
  })
})
