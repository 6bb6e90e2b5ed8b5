import { ref } from 'vue'
import { defineStore } from 'pinia'
import * as api from '@/api/adminJobs'
import { ProblemError, toProblemError } from '@/api/problem'
import {
  TERMINAL_STATES,
  type AuditFilters,
  type AuditRecord,
  type ConflictMode,
  type Job,
} from '@/types/adminJobs'

/** Jobs (exports, imports) with live progress, and the audit log, for the admin page. */
export const useAdminJobsStore = defineStore('adminJobs', () => {
  const jobs = ref<Job[]>([])
  const loading = ref(false)
  const error = ref<ProblemError | null>(null)
  const uploadProgress = ref<number | null>(null)
  const audit = ref<AuditRecord[]>([])
  const auditNext = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null

  async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
    loading.value = true
    error.value = null
    try {
      return await work()
    } catch (caught) {
      error.value = toProblemError(caught)
      return undefined
    } finally {
      loading.value = false
    }
  }

  function anyRunning(): boolean {
    return jobs.value.some((j) => !TERMINAL_STATES.includes(j.state))
  }

  /** Loads the newest jobs, and keeps polling every second while one of them runs. */
  async function loadJobs(): Promise<void> {
    stopPolling()
    const page = await guarded(() => api.fetchJobs({ page: 0, size: 50 }))
    if (page) jobs.value = page.items
    if (anyRunning()) timer = setTimeout(() => void loadJobs(), 1000)
  }

  function stopPolling(): void {
    if (timer) clearTimeout(timer)
    timer = null
  }

  async function exportAll(includeRevisions: boolean): Promise<void> {
    if (await guarded(() => api.startExport({ all: true, includeRevisions }))) await loadJobs()
  }

  async function importBundle(file: Blob, conflict: ConflictMode): Promise<void> {
    uploadProgress.value = 0
    const job = await guarded(() =>
      api.uploadBundle(file, conflict, (f) => (uploadProgress.value = f)),
    )
    uploadProgress.value = null
    if (job) await loadJobs()
  }

  async function cancel(id: string): Promise<void> {
    if (await guarded(() => api.cancelJob(id))) await loadJobs()
  }

  async function deleteExport(id: string): Promise<void> {
    await guarded(() => api.deleteExport(id))
    await loadJobs()
  }

  async function download(job: Job): Promise<void> {
    const blob = await guarded(() => api.downloadBundle(job.id))
    if (!blob) return
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = String(job.result?.fileName ?? `export-${job.id}.zip`)
    link.click()
    URL.revokeObjectURL(url)
  }

  /** The first page of audit records for the filters, or the next one when `more`. */
  async function loadAudit(filters: AuditFilters, more = false): Promise<void> {
    const page = await guarded(() => api.fetchAudit(filters, more ? auditNext.value : null))
    if (!page) return
    audit.value = more ? [...audit.value, ...page.items] : page.items
    auditNext.value = page.next
  }

  return {
    jobs,
    loading,
    error,
    uploadProgress,
    audit,
    auditNext,
    loadJobs,
    stopPolling,
    exportAll,
    importBundle,
    cancel,
    deleteExport,
    download,
    loadAudit,
  }
})
