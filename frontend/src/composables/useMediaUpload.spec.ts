import { afterEach, describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { InternalAxiosRequestConfig } from 'axios'
import { useMediaUpload } from './useMediaUpload'
import { apiClient } from '@/api/client'

const originalAdapter = apiClient.defaults.adapter

describe('useMediaUpload', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('aborts the running upload when its component goes away', async () => {
    let signal: AbortSignal | undefined
    apiClient.defaults.adapter = (config: InternalAxiosRequestConfig) => {
      signal = config.signal as AbortSignal
      return new Promise((_, reject) =>
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )
    }
    const scope = effectScope()
    const upload = scope.run(() => useMediaUpload('image'))!
    const result = upload.upload(new File(['png'], 'dot.png', { type: 'image/png' }))
    await flushPromises()
    expect(upload.uploading.value).toBe(true)

    scope.stop()

    expect(await result).toBeNull()
    expect(signal?.aborted).toBe(true)
    expect(upload.uploading.value).toBe(false)
  })
})
