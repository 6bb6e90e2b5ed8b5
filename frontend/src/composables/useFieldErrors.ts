import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue'
import type { ProblemError } from '@/api/problem'

export interface FieldErrors {
  /** Every message per JSON pointer, e.g. `{ '/newPassword': ['too short', 'too common'] }`. */
  byPointer: ComputedRef<Record<string, string[]>>
  /** The messages for one field joined into one line, for a QInput's `error-message`. */
  message: (pointer: string) => string | undefined
  /** Whether the field has a message, for a QInput's `error`. */
  has: (pointer: string) => boolean
}

/** Maps `errors[].pointer` of a problem to messages shown next to the form fields. */
export function useFieldErrors(problem: MaybeRefOrGetter<ProblemError | null>): FieldErrors {
  const byPointer = computed(() => {
    const result: Record<string, string[]> = {}
    for (const { pointer, detail } of toValue(problem)?.errors ?? []) {
      if (detail) {
        ;(result[pointer] ??= []).push(detail)
      }
    }
    return result
  })

  function message(pointer: string): string | undefined {
    return byPointer.value[pointer]?.join(' ')
  }

  function has(pointer: string): boolean {
    return pointer in byPointer.value
  }

  return { byPointer, message, has }
}
