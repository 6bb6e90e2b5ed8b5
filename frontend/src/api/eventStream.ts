import { API_BASE_URL, currentAuth, type AuthHandlers } from './client'
import { NETWORK_ERROR_STATUS, ProblemError, parseProblem } from './problem'

/** One Server-Sent Event: its type (`message` when the server names none) and its data lines. */
export interface ServerSentEvent {
  event: string
  data: string
  id?: string
}

/**
 * Splits a `text/event-stream` body, fed in arbitrary chunks, into events, as the HTML standard
 * reads it: LF, CR or CRLF line ends, `:` comments (heartbeats) skipped, several `data:` lines
 * joined by LF, one leading space after the colon dropped, an event without data not dispatched.
 */
export class SseParser {
  private buffer = ''
  private eventType = ''
  private dataLines: string[] = []
  private lastId: string | undefined

  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk
    const events: ServerSentEvent[] = []
    for (;;) {
      const end = this.buffer.search(/\r\n|\r|\n/)
      // A CR at the very end may be the first half of a CRLF still to come.
      if (end < 0 || (end === this.buffer.length - 1 && this.buffer[end] === '\r')) {
        break
      }
      const line = this.buffer.slice(0, end)
      const terminator = this.buffer.startsWith('\r\n', end) ? 2 : 1
      this.buffer = this.buffer.slice(end + terminator)
      const event = this.line(line)
      if (event) {
        events.push(event)
      }
    }
    return events
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') {
      return this.dispatch()
    }
    if (line.startsWith(':')) {
      return null
    }
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) {
      value = value.slice(1)
    }
    if (field === 'event') {
      this.eventType = value
    } else if (field === 'data') {
      this.dataLines.push(value)
    } else if (field === 'id' && !value.includes('\0')) {
      this.lastId = value
    }
    return null
  }

  private dispatch(): ServerSentEvent | null {
    const event =
      this.dataLines.length === 0
        ? null
        : {
            event: this.eventType || 'message',
            data: this.dataLines.join('\n'),
            ...(this.lastId === undefined ? {} : { id: this.lastId }),
          }
    this.eventType = ''
    this.dataLines = []
    return event
  }
}

export interface EventStreamOptions {
  /** Called for each event, in order. */
  onEvent: (event: ServerSentEvent) => void
  /** Aborting it ends the stream quietly. */
  signal?: AbortSignal
  /** Where the API is; tests point it at their own server. */
  baseUrl?: string
  /** The session; by default the one the API client was given. */
  auth?: AuthHandlers | null
  /** The fetch to use; the browser's by default. */
  fetch?: typeof fetch
}

async function problemOf(response: Response): Promise<ProblemError> {
  let body: unknown = {}
  try {
    body = await response.json()
  } catch {
    // not JSON: the status says enough
  }
  return new ProblemError(parseProblem(body, response.status, response.statusText))
}

function networkProblem(error: unknown): ProblemError {
  return new ProblemError(
    {
      type: 'about:blank',
      title: 'Network error',
      status: NETWORK_ERROR_STATUS,
      detail: 'The server could not be reached.',
      code: 'NETWORK_ERROR',
      errors: [],
    },
    { cause: error },
  )
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error instanceof DOMException && error.name === 'AbortError')
}

/**
 * Reads an event stream of the API with `fetch`, sending the bearer token in the `Authorization`
 * header (never in the URL). A 401 gets one silent refresh and one retry, as with the API client.
 * Resolves when the server ends the stream or the signal aborts it; rejects with a ProblemError
 * for an error answer (its problem+json) or a broken connection (status 0).
 */
export async function readEventStream(path: string, options: EventStreamOptions): Promise<void> {
  const auth = options.auth === undefined ? currentAuth() : options.auth
  const url = (options.baseUrl ?? API_BASE_URL) + path
  const fetchImpl = options.fetch ?? fetch
  const open = (token: string | null) =>
    fetchImpl(url, {
      headers: {
        Accept: 'text/event-stream, application/problem+json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      cache: 'no-store',
      signal: options.signal,
    })
  let response: Response
  try {
    response = await open(auth?.accessToken() ?? null)
    if (response.status === 401 && auth && (await auth.refresh())) {
      response = await open(auth.accessToken())
    }
  } catch (error) {
    if (isAbort(error, options.signal)) return
    // A refresh that got no answer: its problem, the session kept.
    if (error instanceof ProblemError) throw error
    throw networkProblem(error)
  }
  if (!response.ok || !response.body) {
    if (response.status === 401 && auth) {
      auth.sessionExpired()
    }
    throw await problemOf(response)
  }
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const parser = new SseParser()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        options.onEvent(event)
      }
    }
    // An event the server did not finish with a blank line is dropped, as the standard says.
    for (const event of parser.push(decoder.decode())) {
      options.onEvent(event)
    }
  } catch (error) {
    if (isAbort(error, options.signal)) return
    throw networkProblem(error)
  } finally {
    reader.releaseLock()
  }
}
