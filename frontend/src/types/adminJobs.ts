/** A background job (see docs/api/admin.md). */
export type JobState =
  'queued' | 'running' | 'succeeded' | 'completed_with_failures' | 'failed' | 'cancelled'

export interface JobItem {
  id: string
  label: string
  status: 'done' | 'skipped' | 'failed'
  reason?: string
}

export interface Job {
  id: string
  type: 'export' | 'import' | string
  state: JobState
  summary: string
  progress: { done: number; total: number; failed: number }
  items: JobItem[]
  requestedBy: string
  cancelRequested: boolean
  params: Record<string, unknown>
  result: Record<string, unknown> | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  error: string | null
}

export interface JobPage {
  items: Job[]
  total: number
  page: number
  size: number
}

export type ConflictMode = 'skip' | 'overwrite' | 'new-slug'

export interface AuditRecord {
  id: string
  at: string
  actorId: string | null
  actor: string | null
  action: string
  target: string | null
  outcome: 'success' | 'failure' | 'denied'
  status: number | null
  clientAddress: string | null
}

export interface AuditFilters {
  actor?: string
  action?: string
  target?: string
  from?: string
  to?: string
}

export interface AuditPage {
  items: AuditRecord[]
  next: string | null
}

export const TERMINAL_STATES: readonly JobState[] = [
  'succeeded',
  'completed_with_failures',
  'failed',
  'cancelled',
]
