import type { AxiosInstance } from 'axios'
import type { MediaFile } from '@/types/cards'
import { apiClient } from './client'

export interface UploadOptions {
  /** Called with the fraction sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

/**
 * Uploads an image or video as the raw request body with its own Content-Type (not multipart).
 * The answer's `url` is signed and can be used at once in `<img>` or `<video>`.
 */
export async function uploadMedia(
  file: Blob,
  name: string,
  options: UploadOptions = {},
  client: AxiosInstance = apiClient,
): Promise<MediaFile> {
  const response = await client.post<MediaFile>('/media', file, {
    params: { name },
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    signal: options.signal,
    onUploadProgress: (event) => {
      const fraction = event.progress ?? (event.total ? event.loaded / event.total : undefined)
      if (fraction !== undefined) {
        options.onProgress?.(Math.min(1, Math.max(0, fraction)))
      }
    },
  })
  return response.data
}

/** The bytes of a media file, read with the session's Authorization header, until `signal` aborts. */
export async function fetchMediaBlob(
  id: string,
  signal?: AbortSignal,
  client: AxiosInstance = apiClient,
): Promise<Blob> {
  return (
    await client.get<Blob>(`/media/${encodeURIComponent(id)}`, {
      responseType: 'blob',
      headers: { Accept: '*/*' },
      signal,
    })
  ).data
}
