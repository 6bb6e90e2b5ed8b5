import type { AxiosInstance, AxiosProgressEvent } from 'axios'
import type { AuditFilters, AuditPage, ConflictMode, Job, JobPage } from '@/types/adminJobs'
import { apiClient } from './client'

const enc = encodeURIComponent

export async function fetchJobs(
  params: { type?: string; page: number; size: number },
  client: AxiosInstance = apiClient,
): Promise<JobPage> {
  return (await client.get<JobPage>('/admin/jobs', { params })).data
}

export async function fetchJob(id: string, client: AxiosInstance = apiClient): Promise<Job> {
  return (await client.get<Job>(`/admin/jobs/${enc(id)}`)).data
}

export async function cancelJob(id: string, client: AxiosInstance = apiClient): Promise<Job> {
  return (await client.post<Job>(`/admin/jobs/${enc(id)}/cancel`)).data
}

/** Starts an export of every card, or of the listed ones. */
export async function startExport(
  selection: { cardIds?: string[]; all?: boolean; includeRevisions: boolean },
  client: AxiosInstance = apiClient,
): Promise<Job> {
  return (await client.post<Job>('/admin/exports', selection)).data
}

export async function deleteExport(id: string, client: AxiosInstance = apiClient): Promise<void> {
  await client.delete(`/admin/exports/${enc(id)}`)
}

/** The bundle as a blob, through the API client so the bearer token goes along. */
export async function downloadBundle(id: string, client: AxiosInstance = apiClient): Promise<Blob> {
  return (await client.get<Blob>(`/admin/exports/${enc(id)}/bundle`, { responseType: 'blob' })).data
}

export async function uploadBundle(
  file: Blob,
  conflict: ConflictMode,
  onProgress?: (fraction: number) => void,
  client: AxiosInstance = apiClient,
): Promise<Job> {
  return (
    await client.post<Job>('/admin/imports', file, {
      params: { conflict },
      headers: { 'Content-Type': 'application/zip' },
      onUploadProgress: (e: AxiosProgressEvent) => {
        if (onProgress && e.total) onProgress(e.loaded / e.total)
      },
    })
  ).data
}

export async function fetchAudit(
  filters: AuditFilters,
  cursor: string | null,
  limit = 50,
  client: AxiosInstance = apiClient,
): Promise<AuditPage> {
  const params: Record<string, string | number> = { limit }
  for (const [key, value] of Object.entries(filters)) {
    if (value) params[key] = value
  }
  if (cursor) params.cursor = cursor
  return (await client.get<AuditPage>('/admin/audit', { params })).data
}
