import { retryAfterSeconds, type ProblemError } from '@/api/problem'
import { countOf } from '@/components/shell/countOf'

/** What the sign-in form says when signing in failed. */
export function signInErrorMessage(error: ProblemError): string {
  if (error.status === 401) {
    return 'Invalid username or password.'
  }
  if (error.status === 429) {
    const seconds = retryAfterSeconds(error)
    return seconds === undefined
      ? 'Too many attempts. Try again later.'
      : `Too many attempts. Try again in ${countOf(seconds, 'second')}.`
  }
  if (error.status === 422) {
    return 'Please check the highlighted fields.'
  }
  if (error.isNetworkError) {
    return 'The server could not be reached. Try again in a moment.'
  }
  return error.detail ?? error.title
}
