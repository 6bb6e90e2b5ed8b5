import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'
import { streamAppStatus } from '@/api/apps'
import { toProblemError, type ProblemError } from '@/api/problem'
import type { AppStatus, StreamError } from '@/types/apps'

/** Waits before reconnecting a dropped stream: 2 s, doubling up to 30 s. */
const RETRY_MS = [2000, 4000, 8000, 16000, 30000]

/**
 * An app's status, kept live from the status event stream while the component lives. A dropped
 * connection or a server error is retried with a growing delay; a refusal (4xx) or the stream's
 * `end` (the app is gone) stops it.
 */
export function useAppStatus(appId: Ref<string | null>) {
  const status = shallowRef<AppStatus | null>(null)
  const connected = ref(false)
  const ended = ref(false)
  const error = shallowRef<ProblemError | null>(null)
  const streamError = shallowRef<StreamError | null>(null)
  let controller: AbortController | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  function stop(): void {
    clearTimeout(retryTimer)
    controller?.abort()
    controller = null
    connected.value = false
  }

  async function run(id: string, attempt: number): Promise<void> {
    const own = new AbortController()
    controller = own
    let gotEnd = false
    try {
      await streamAppStatus(
        id,
        (message) => {
          connected.value = true
          if (message.kind === 'status') {
            status.value = message.status
            streamError.value = null
            attempt = 0
          } else if (message.kind === 'error') {
            streamError.value = message.error
          } else if (message.kind === 'end') {
            gotEnd = true
          }
        },
        { signal: own.signal },
      )
    } catch (caught) {
      const problem = toProblemError(caught)
      if (problem.status >= 400 && problem.status < 500) {
        error.value = problem
        connected.value = false
        return
      }
      error.value = problem
    }
    if (own.signal.aborted) return
    connected.value = false
    if (gotEnd) {
      ended.value = true
      return
    }
    retryTimer = setTimeout(
      () => void run(id, attempt + 1),
      RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)],
    )
  }

  function start(): void {
    stop()
    status.value = null
    ended.value = false
    error.value = null
    streamError.value = null
    if (appId.value) {
      void run(appId.value, 0)
    }
  }

  watch(appId, start, { immediate: true })
  onScopeDispose(stop)

  return { status, connected, ended, error, streamError, restart: start, stop }
}
