/** One invalid field of a request, located by a JSON pointer into the request body (RFC 6901). */
export interface ProblemFieldError {
  pointer: string
  detail: string
}

/** RFC 9457 problem details as sent by the back end with `application/problem+json`. */
export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  code?: string
  errors: ProblemFieldError[]
}
