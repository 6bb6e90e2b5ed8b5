import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useFieldErrors } from './useFieldErrors'
import { ProblemError } from '@/api/problem'

function validationProblem(errors: { pointer: string; detail: string }[]): ProblemError {
  return new ProblemError({ type: 'about:blank', title: 'Validation failed', status: 422, errors })
}

describe('useFieldErrors', () => {
  it('has no messages without a problem', () => {
    const fields = useFieldErrors(ref(null))

    expect(fields.byPointer.value).toEqual({})
    expect(fields.message('/newPassword')).toBeUndefined()
    expect(fields.has('/newPassword')).toBe(false)
  })

  it('maps each pointer to its messages, joining several for one field', () => {
    const problem = ref<ProblemError | null>(
      validationProblem([
        { pointer: '/currentPassword', detail: 'Does not match.' },
        { pointer: '/newPassword', detail: 'Must be at least 10 characters.' },
        { pointer: '/newPassword', detail: 'Must not be the username.' },
      ]),
    )
    const fields = useFieldErrors(problem)

    expect(fields.message('/currentPassword')).toBe('Does not match.')
    expect(fields.message('/newPassword')).toBe(
      'Must be at least 10 characters. Must not be the username.',
    )
    expect(fields.byPointer.value['/newPassword']).toHaveLength(2)
    expect(fields.has('/username')).toBe(false)
  })

  it('follows the problem as it changes', () => {
    const problem = ref<ProblemError | null>(
      validationProblem([{ pointer: '/name', detail: 'must not be blank' }]),
    )
    const fields = useFieldErrors(() => problem.value)
    expect(fields.has('/name')).toBe(true)

    problem.value = null

    expect(fields.has('/name')).toBe(false)
  })
})
