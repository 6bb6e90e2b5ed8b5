import { onScopeDispose, ref, shallowRef, triggerRef, type Ref } from 'vue'
import { streamAppLogs } from '@/api/apps'
import { toProblemError } from '@/api/problem'
import { LogBuffer } from '@/components/apps/logBuffer'
import type { LogLine } from '@/types/apps'

/** Lines asked for when the panel opens. */
export const INITIAL_TAIL = 200
const RETRY_MS = 3000

/**
 * An app's logs, followed live: each line is appended as it arrives (the log is never fetched again
 * in full). Pause holds new lines back, resume shows them; clear empties the panel. A dropped
 * connection reconnects from the last timestamp seen, without showing a line twice.
 */
export function useAppLogs(appId: Ref<string | null>) {
  let buffer = new LogBuffer()
  const lines = shallowRef<LogLine[]>(buffer.shown)
  const paused = ref(false)
  const waiting = ref(0)
  const streaming = ref(false)
  const ended = ref(false)
  /** Why the stream stopped or is reconnecting, to show. */
  const error = ref<string | null>(null)
  let controller: AbortController | null = null
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  function refresh(): void {
    lines.value = buffer.shown
    triggerRef(lines)
    paused.value = buffer.isPaused
    waiting.value = buffer.waitingCount
  }

  async function run(id: string, first: boolean): Promise<void> {
    const own = new AbortController()
    controller = own
    streaming.value = true
    const since = buffer.resumeFrom
    let gotEnd = false
    try {
      await streamAppLogs(
        id,
        first || !since
          ? { follow: true, tail: first ? INITIAL_TAIL : 0 }
          : { follow: true, since },
        (message) => {
          if (message.kind === 'line') {
            buffer.add(message.line)
            refresh()
          } else if (message.kind === 'error') {
            error.value = message.error.detail || message.error.code
            gotEnd = !message.error.retryable
          } else if (message.kind === 'end') {
            gotEnd = true
          }
        },
        { signal: own.signal },
      )
    } catch (caught) {
      const problem = toProblemError(caught)
      error.value = problem.detail ?? problem.title
      if (problem.status >= 400 && problem.status < 500) gotEnd = true
    }
    if (own.signal.aborted) return
    streaming.value = false
    if (gotEnd) {
      ended.value = true
      return
    }
    retryTimer = setTimeout(() => void run(id, false), RETRY_MS)
  }

  function stop(): void {
    clearTimeout(retryTimer)
    controller?.abort()
    controller = null
    streaming.value = false
  }

  /** (Re)starts following from the last lines. */
  function start(): void {
    stop()
    buffer = new LogBuffer()
    error.value = null
    ended.value = false
    refresh()
    if (appId.value) void run(appId.value, true)
  }

  function pause(): void {
    buffer.pause()
    refresh()
  }

  function resume(): void {
    buffer.resume()
    refresh()
  }

  function clear(): void {
    buffer.clear()
    refresh()
  }

  onScopeDispose(stop)

  return { lines, paused, waiting, streaming, ended, error, start, stop, pause, resume, clear }
}
