import { getCurrentScope, onScopeDispose, ref, type Ref } from 'vue'
import { uploadMedia } from '@/api/media'
import { toProblemError } from '@/api/problem'
import type { MediaFile } from '@/types/cards'

export type MediaKind = 'image' | 'video'

export const MEDIA_TYPES: Record<MediaKind, readonly string[]> = {
  image: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
  video: ['video/mp4', 'video/webm'],
}

/** The server's limits (413 beyond). */
export const MEDIA_MAX_BYTES: Record<MediaKind, number> = {
  image: 10 * 1024 * 1024,
  video: 200 * 1024 * 1024,
}

const KIND_NAMES: Record<MediaKind, string> = {
  image: 'an image (PNG, JPEG, GIF or WebP)',
  video: 'a video (MP4 or WebM)',
}

/** Why a file cannot be uploaded as this kind of media, or null. */
export function mediaFileProblem(
  file: { type: string; size: number },
  kind: MediaKind,
): string | null {
  if (!MEDIA_TYPES[kind].includes(file.type)) {
    return `This file is not ${KIND_NAMES[kind]}.`
  }
  if (file.size > MEDIA_MAX_BYTES[kind]) {
    return `This file is larger than ${MEDIA_MAX_BYTES[kind] / 1024 / 1024} MB.`
  }
  return null
}

export interface MediaUpload {
  uploading: Ref<boolean>
  /** 0 to 1 while uploading. */
  progress: Ref<number>
  /** Why the last upload failed or was refused (the server's 413/415 message included). */
  error: Ref<string | null>
  upload: (file: File) => Promise<MediaFile | null>
  cancel: () => void
}

/**
 * Uploads one image or video at a time with its progress; refuses other files before sending. A
 * running upload is aborted when the component (scope) that started it goes away.
 */
export function useMediaUpload(kind: MediaKind): MediaUpload {
  const uploading = ref(false)
  const progress = ref(0)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null

  async function upload(file: File): Promise<MediaFile | null> {
    error.value = mediaFileProblem(file, kind)
    if (error.value) {
      return null
    }
    controller = new AbortController()
    uploading.value = true
    progress.value = 0
    try {
      return await uploadMedia(file, file.name, {
        signal: controller.signal,
        onProgress: (fraction) => (progress.value = fraction),
      })
    } catch (caught) {
      if (controller.signal.aborted) {
        error.value = 'Upload cancelled.'
      } else {
        const problem = toProblemError(caught)
        error.value = problem.detail ?? problem.title
      }
      return null
    } finally {
      uploading.value = false
      controller = null
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  if (getCurrentScope()) {
    onScopeDispose(cancel)
  }

  return { uploading, progress, error, upload, cancel }
}
