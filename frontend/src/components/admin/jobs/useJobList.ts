import { onBeforeUnmount, ref } from 'vue'
import { fetchJob, fetchJobs } from '@/api/adminJobs'
import { toProblemError, type ProblemError } from '@/api/problem'
import type { Job } from '@/types/jobs'
import { isActive, upsertJob } from './jobFormat'

/** How often queued and running jobs are asked for their progress. */
export const POLL_MS = 1000

/**
 * The newest jobs, with the queued and running ones followed live: each is polled with the ETag
 * of the copy held, so an unchanged job costs a 304.
 */
export function useJobList(size = 20) {
  const jobs = ref<Job[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<ProblemError | null>(null)
  const etags = new Map<string, string | null>()
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const page = await fetchJobs({ page: 0, size })
      jobs.value = page.items
      total.value = page.total
      etags.clear()
    } catch (caught) {
      error.value = toProblemError(caught)
    } finally {
      loading.value = false
    }
    schedule()
  }

  /** Adds a job just started here, and follows it. */
  function track(job: Job): void {
    jobs.value = upsertJob(jobs.value, job)
    schedule()
  }

  async function poll(): Promise<void> {
    timer = undefined
    for (const job of jobs.value.filter(isActive)) {
      try {
        const answer = await fetchJob(job.id, etags.get(job.id) ?? null)
        if (answer) {
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

  return { jobs, total, loading, error, load, track }
}
