import { AxiosError, isAxiosError } from 'axios'
import type { ProblemDetails, ProblemFieldError } from '@/types/problem'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** Status used for failures where no HTTP response arrived (server down, DNS, CORS, timeout). */
export const NETWORK_ERROR_STATUS = 0

/** The one error type the API client rejects with. */
export class ProblemError extends Error implements ProblemDetails {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly instance?: string
  readonly code?: string
  readonly errors: ProblemFieldError[]

  constructor(problem: ProblemDetails, options?: { cause?: unknown }) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title, options)
    this.name = 'ProblemError'
    this.type = problem.type
    this.title = problem.title
    this.status = problem.status
    this.detail = problem.detail
    this.instance = problem.instance
    this.code = problem.code
    this.errors = problem.errors
  }

  get isNetworkError(): boolean {
    return this.status === NETWORK_ERROR_STATUS
  }

  /** The detail for one field, e.g. `fieldError('/title')`, to show next to a form input. */
  fieldError(pointer: string): string | undefined {
    return this.errors.find((error) => error.pointer === pointer)?.detail
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value))
    } catch {
      return undefined
    }
  }
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : undefined
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined
}

function parseFieldErrors(value: unknown): ProblemFieldError[] {
  if (!Array.isArray(value)) {
    return []
  }
  return value
    .map(asRecord)
    .filter((entry): entry is Record<string, unknown> => entry !== undefined)
    .map((entry) => ({
      pointer: typeof entry.pointer === 'string' ? entry.pointer : '',
      detail: typeof entry.detail === 'string' ? entry.detail : '',
    }))
}

/** Reads a problem+json body; missing members fall back to what the HTTP status says. */
export function parseProblem(body: unknown, status: number, statusText = ''): ProblemDetails {
  const data = asRecord(body) ?? {}
  return {
    type: optionalString(data.type) ?? 'about:blank',
    title: optionalString(data.title) ?? (statusText || `HTTP ${status}`),
    status: typeof data.status === 'number' ? data.status : status,
    detail: optionalString(data.detail),
    instance: optionalString(data.instance),
    code: optionalString(data.code),
    errors: parseFieldErrors(data.errors),
  }
}

function isProblemResponse(contentType: unknown): boolean {
  return typeof contentType === 'string' && contentType.toLowerCase().includes(PROBLEM_CONTENT_TYPE)
}

/** Turns whatever an axios request rejected with into a ProblemError. */
export function toProblemError(error: unknown): ProblemError {
  if (error instanceof ProblemError) {
    return error
  }
  if (isAxiosError(error)) {
    const response = error.response
    if (response) {
      const contentType = response.headers?.['content-type']
      const problem = isProblemResponse(contentType)
        ? parseProblem(response.data, response.status, response.statusText)
        : parseProblem({}, response.status, response.statusText)
      return new ProblemError(problem, { cause: error })
    }
    return new ProblemError(
      {
        type: 'about:blank',
        title: 'Network error',
        status: NETWORK_ERROR_STATUS,
        detail:
          error.code === AxiosError.ECONNABORTED || error.code === AxiosError.ETIMEDOUT
            ? 'The server did not answer in time.'
            : 'The server could not be reached.',
        code: 'NETWORK_ERROR',
        errors: [],
      },
      { cause: error },
    )
  }
  return new ProblemError(
    {
      type: 'about:blank',
      title: 'Unexpected error',
      status: NETWORK_ERROR_STATUS,
      detail: error instanceof Error ? error.message : String(error),
      code: 'CLIENT_ERROR',
      errors: [],
    },
    { cause: error },
  )
}

/** Seconds from the `Retry-After` header of the response behind a problem (e.g. a 429), if any. */
export function retryAfterSeconds(error: ProblemError): number | undefined {
  const cause = error.cause
  if (!isAxiosError(cause)) {
    return undefined
  }
  const header: unknown = cause.response?.headers?.['retry-after']
  const seconds = typeof header === 'string' || typeof header === 'number' ? Number(header) : NaN
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined
}
