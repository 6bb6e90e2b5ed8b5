import type { Job, JobState } from '@/types/jobs'

/** States a job can still leave: it is polled, and may be cancelled. */
export function isActive(job: Pick<Job, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running'
}

const STATE_LABELS: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  completed_with_failures: 'Completed with failures',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

const STATE_COLORS: Record<JobState, string> = {
  queued: 'grey-7',
  running: 'primary',
  succeeded: 'positive',
  completed_with_failures: 'warning',
  failed: 'negative',
  cancelled: 'grey-6',
}

export function stateLabel(state: JobState | string): string {
  return STATE_LABELS[state as JobState] ?? state
}

export function stateColor(state: JobState | string): string {
  return STATE_COLORS[state as JobState] ?? 'grey-7'
}

/** Fraction of the items handled, 0 to 1; an unknown total (not counted yet) is 0. */
export function progressFraction(job: Pick<Job, 'progress'>): number {
  const { done, total } = job.progress
  return total > 0 ? Math.min(1, done / total) : 0
}

/** "12 of 20 cards, 1 failed" */
export function progressText(job: Pick<Job, 'progress'>): string {
  const { done, total, failed } = job.progress
  const base = total > 0 ? `${done} of ${total} cards` : `${done} cards`
  return failed > 0 ? `${base}, ${failed} failed` : base
}

/** Whether a finished export has a bundle to download. */
export function hasBundle(job: Job): boolean {
  return (
    job.type === 'export' &&
    !isActive(job) &&
    !!job.result &&
    (job.result.cards ?? 0) > 0 &&
    !!job.result.key
  )
}

/** A file size in KiB/MiB/GiB. */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return ''
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

/** Replaces the job with the same id in a list, keeping the list's order; new ones go first. */
export function upsertJob(jobs: Job[], job: Job): Job[] {
  const index = jobs.findIndex((existing) => existing.id === job.id)
  if (index < 0) return [job, ...jobs]
  const next = [...jobs]
  next[index] = job
  return next
}
