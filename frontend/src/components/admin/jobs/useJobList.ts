import { onBeforeUnmount, ref } from 'vue'
import { fetchJob, fetchJobs } from '@/api/adminJobs'
import { toProblemError, type ProblemError } from '@/api/problem'
import type { Job } from '@/types/jobs'
import { isActive, upsertJob } from './jobFormat'

/** How often queued and running jobs are asked for their progress. */
export const POLL_MS = 1000

/** A q-table's pagination, paged on the server: `rowsNumber` is the server's total. */
export interface JobPagination {
  page: number
  rowsPerPage: number
  rowsNumber: number
}

/**
 * One page of jobs, newest first (the server pages them: `GET /admin/jobs?page=&size=`), with the
 * queued and running ones on it followed live: each is polled with the ETag of the copy held, so
 * an unchanged job costs a 304.
 */
export function useJobList(size = 20) {
  const jobs = ref<Job[]>([])
  const total = ref(0)
  const pagination = ref<JobPagination>({ page: 1, rowsPerPage: size, rowsNumber: 0 })
  const loading = ref(false)
  const error = ref<ProblemError | null>(null)
  const etags = new Map<string, string | null>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  let latestLoad = 0

  async function load(): Promise<void> {
    const request = ++latestLoad
    const { page, rowsPerPage } = pagination.value
    loading.value = true
    error.value = null
    try {
      const answer = await fetchJobs({ page: page - 1, size: rowsPerPage })
      if (request === latestLoad) {
        jobs.value = answer.items
        total.value = answer.total
        pagination.value = { ...pagination.value, rowsNumber: answer.total }
        etags.clear()
      }
    } catch (caught) {
      if (request === latestLoad) {
        error.value = toProblemError(caught)
      }
    } finally {
      if (request === latestLoad) {
        loading.value = false
      }
    }
    schedule()
  }

  /** Another page or page size, as q-table's `request` event asks for it. */
  function request(next: { pagination: { page: number; rowsPerPage: number } }): Promise<void> {
    pagination.value = {
      ...pagination.value,
      page: next.pagination.page,
      rowsPerPage: next.pagination.rowsPerPage,
    }
    return load()
  }

  /**
   * A job changed or started here. A new one is the newest: it is put first on the first page
   * (which is shown, if another page was).
   */
  async function track(job: Job): Promise<void> {
    if (jobs.value.some((existing) => existing.id === job.id)) {
      jobs.value = upsertJob(jobs.value, job)
    } else if (pagination.value.page !== 1) {
      pagination.value = { ...pagination.value, page: 1 }
      await load()
      jobs.value = upsertJob(jobs.value, job)
    } else {
      jobs.value = upsertJob(jobs.value, job).slice(0, pagination.value.rowsPerPage || undefined)
      total.value += 1
      pagination.value = { ...pagination.value, rowsNumber: total.value }
    }
    schedule()
  }

  async function poll(): Promise<void> {
    timer = undefined
    for (const job of jobs.value.filter(isActive)) {
      try {
        const answer = await fetchJob(job.id, etags.get(job.id) ?? null)
        // The page may have changed meanwhile: only a job still shown is updated.
        if (answer && jobs.value.some((shown) => shown.id === answer.job.id)) {
          etags.set(job.id, answer.etag)
          jobs.value = upsertJob(jobs.value, answer.job)
        }
      } catch {
        // A failed poll is retried at the next tick; the list keeps the last copy.
      }
    }
    schedule()
  }

  function schedule(): void {
    if (!stopped && timer === undefined && jobs.value.some(isActive)) {
      timer = setTimeout(() => void poll(), POLL_MS)
    }
  }

  onBeforeUnmount(() => {
    stopped = true
    clearTimeout(timer)
  })

  return { jobs, total, pagination, loading, error, load, request, track }
}
