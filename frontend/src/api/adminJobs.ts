import type { AxiosInstance, AxiosProgressEvent } from 'axios'
import type {
  AuditPage,
  AuditQuery,
  ExportSelection,
  ImportConflict,
  Job,
  JobPage,
} from '@/types/jobs'
import { apiClient } from './client'

const id = encodeURIComponent

export async function fetchJobs(
  params: { type?: string; page?: number; size?: number } = {},
  client: AxiosInstance = apiClient,
): Promise<JobPage> {
  return (await client.get<JobPage>('/admin/jobs', { params })).data
}

/**
 * One job; with the ETag of the copy the caller holds, answers null when nothing changed (304), so
 * polling a running job costs the server a version comparison.
 */
export async function fetchJob(
  jobId: string,
  etag: string | null = null,
  client: AxiosInstance = apiClient,
): Promise<{ job: Job; etag: string | null } | null> {
  const response = await client.get<Job>(`/admin/jobs/${id(jobId)}`, {
    headers: etag ? { 'If-None-Match': etag } : {},
    validateStatus: (status) => (status >= 200 && status < 300) || status === 304,
  })
  if (response.status === 304) {
    return null
  }
  return { job: response.data, etag: (response.headers['etag'] as string | undefined) ?? null }
}

export async function cancelJob(jobId: string, client: AxiosInstance = apiClient): Promise<Job> {
  return (await client.post<Job>(`/admin/jobs/${id(jobId)}/cancel`)).data
}

export async function startExport(
  selection: ExportSelection,
  client: AxiosInstance = apiClient,
): Promise<Job> {
  return (await client.post<Job>('/admin/exports', selection)).data
}

export async function deleteExport(
  jobId: string,
  client: AxiosInstance = apiClient,
): Promise<void> {
  await client.delete(`/admin/exports/${id(jobId)}`)
}

/** The bundle of a finished export, read with the caller's token (the link needs it). */
export async function downloadBundle(
  jobId: string,
  onProgress?: (fraction: number) => void,
  client: AxiosInstance = apiClient,
): Promise<Blob> {
  return (
    await client.get<Blob>(`/admin/exports/${id(jobId)}/bundle`, {
      // The client asks for JSON by default; the bundle is a zip (errors still come as problems).
      headers: { Accept: 'application/zip, application/problem+json' },
      responseType: 'blob',
      onDownloadProgress: (event: AxiosProgressEvent) =>
        onProgress?.(event.total ? event.loaded / event.total : 0),
    })
  ).data
}

export async function startImport(
  bundle: File,
  options: { conflict: ImportConflict; fallbackOwner?: string },
  onProgress?: (fraction: number) => void,
  client: AxiosInstance = apiClient,
): Promise<Job> {
  const params: Record<string, string> = { conflict: options.conflict }
  if (options.fallbackOwner?.trim()) {
    params.fallbackOwner = options.fallbackOwner.trim()
  }
  return (
    await client.post<Job>('/admin/imports', bundle, {
      params,
      headers: { 'Content-Type': 'application/zip' },
      onUploadProgress: (event: AxiosProgressEvent) =>
        onProgress?.(event.total ? event.loaded / event.total : 0),
    })
  ).data
}

export async function fetchAudit(
  query: AuditQuery,
  client: AxiosInstance = apiClient,
): Promise<AuditPage> {
  const params = Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== ''),
  )
  return (await client.get<AuditPage>('/admin/audit', { params })).data
}
