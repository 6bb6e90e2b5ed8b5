/** Types of the administration API for jobs, exports, imports and the audit log (docs/api/admin.md). */

export type JobType = 'export' | 'import'
export type JobState =
  'queued' | 'running' | 'succeeded' | 'completed_with_failures' | 'failed' | 'cancelled'

export interface JobItem {
  id: string
  label?: string
  status: 'done' | 'skipped' | 'failed'
  reason?: string
}

export interface ExportResult {
  cards: number
  connectorId?: string
  key?: string
  size?: number
  sha256?: string
  fileName?: string
  deleteFailed?: boolean
  deleteError?: string
  /** Import limits of this server the bundle passes: an import here would refuse it. */
  importWarnings?: string[]
}

export interface Job {
  id: string
  type: JobType | string
  state: JobState
  summary: string
  progress: { done: number; total: number; failed: number }
  items: JobItem[]
  requestedBy: string
  cancelRequested: boolean
  params: Record<string, unknown>
  result: (ExportResult & Record<string, unknown>) | null
  createdAt: string
  startedAt?: string | null
  finishedAt?: string | null
  error?: string | null
}

export interface JobPage {
  items: Job[]
  total: number
  page: number
  size: number
}

/** Exactly one way of choosing the cards of an export. */
export type ExportSelection =
  | { cardIds: string[]; includeRevisions: boolean }
  | {
      filter: { owner?: string; task?: string; visibility?: 'public' | 'private' }
      includeRevisions: boolean
    }
  | { all: true; includeRevisions: boolean }

export type ImportConflict = 'skip' | 'overwrite' | 'new-slug'

export interface AuditRecord {
  id: string
  at: string
  actorId: string | null
  actor: string
  action: string
  target: string | null
  outcome: 'success' | 'failure' | 'denied'
  status?: number | null
  clientAddress?: string | null
}

export interface AuditQuery {
  actor?: string
  action?: string
  target?: string
  from?: string
  to?: string
  limit?: number
  cursor?: string
}

export interface AuditPage {
  items: AuditRecord[]
  next: string | null
}
