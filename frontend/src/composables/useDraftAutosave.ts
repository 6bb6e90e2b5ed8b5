import {
  getCurrentInstance,
  onBeforeUnmount,
  ref,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue'
import { saveDraft } from '@/api/drafts'
import { toProblemError, type ProblemError } from '@/api/problem'

export const AUTOSAVE_DELAY_MS = 1000

export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error'

export interface DraftAutosave {
  status: Ref<AutosaveStatus>
  /** When the last save was answered (ISO), or null. */
  savedAt: Ref<string | null>
  error: Ref<ProblemError | null>
  /** Starts watching; changes before that are not saved (e.g. while a draft is being offered). */
  start: () => void
  /** Stops watching and drops a pending save; waits for a save already on its way. */
  stop: () => Promise<void>
  /** Saves a pending change now. */
  flush: () => Promise<void>
}

/**
 * Saves a server draft a second after the last change (`PUT /api/v1/drafts/{key}`): typing keeps
 * postponing it, one change gives one request, and saves never overlap (a change made while one is
 * on its way is saved right after it).
 */
export function useDraftAutosave<T extends object>(
  key: MaybeRefOrGetter<string>,
  content: () => T,
  delayMs = AUTOSAVE_DELAY_MS,
): DraftAutosave {
  const status = ref<AutosaveStatus>('idle')
  const savedAt = ref<string | null>(null)
  const error = ref<ProblemError | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | null = null
  let dirty = false
  let stopWatching: (() => void) | null = null

  async function save(): Promise<void> {
    if (inFlight) {
      await inFlight
    }
    if (!dirty) {
      return
    }
    dirty = false
    status.value = 'saving'
    inFlight = (async () => {
      try {
        const draft = await saveDraft(toValue(key), content())
        savedAt.value = draft?.updatedAt ?? new Date().toISOString()
        error.value = null
        status.value = dirty ? 'pending' : 'saved'
      } catch (caught) {
        error.value = toProblemError(caught)
        status.value = 'error'
        // Still not saved: the next flush (e.g. on leaving) tries again.
        dirty = true
      } finally {
        inFlight = null
      }
    })()
    await inFlight
  }

  function schedule(): void {
    dirty = true
    status.value = 'pending'
    clearTimeout(timer)
    timer = setTimeout(() => void save(), delayMs)
  }

  function start(): void {
    if (stopWatching) {
      return
    }
    stopWatching = watch(content, schedule, { deep: true })
  }

  async function stop(): Promise<void> {
    stopWatching?.()
    stopWatching = null
    clearTimeout(timer)
    dirty = false
    if (inFlight) {
      await inFlight
    }
    if (status.value === 'pending') {
      status.value = 'idle'
    }
  }

  async function flush(): Promise<void> {
    clearTimeout(timer)
    await save()
  }

  if (getCurrentInstance()) {
    onBeforeUnmount(() => {
      // Leaving the page: what was typed in the last second is saved too.
      const pending = dirty
      stopWatching?.()
      stopWatching = null
      if (pending) {
        void flush()
      } else {
        clearTimeout(timer)
      }
    })
  }

  return { status, savedAt, error, start, stop, flush }
}
