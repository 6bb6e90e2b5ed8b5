import { describe, expect, it } from 'vitest'
import { SseParser, readEventStream, type ServerSentEvent } from './eventStream'
import { ProblemError } from './problem'
import type { AuthHandlers } from './client'

describe('SseParser', () => {
  it('reads events split at any point, CRLF included', () => {
    const text = 'event: line\r\ndata: {"a":1}\r\n\r\n: keep-alive\n\nevent: end\ndata: {}\n\n'
    for (let cut = 1; cut < text.length; cut++) {
      const parser = new SseParser()
      const events = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut))]
      expect(events, `cut at ${cut}`).toEqual([
        { event: 'line', data: '{"a":1}' },
        { event: 'end', data: '{}' },
      ])
    }
  })

  it('joins data lines, drops one leading space and defaults the type to message', () => {
    const parser = new SseParser()

    expect(parser.push('data:first\ndata:  second\nid: 7\n\n')).toEqual([
      { event: 'message', data: 'first\n second', id: '7' },
    ])
  })

  it('dispatches nothing for comments or an event without data', () => {
    const parser = new SseParser()

    expect(parser.push(': keep-alive\n\nevent: status\n\n')).toEqual([])
    expect(parser.push('data: x\n\n')).toEqual([{ event: 'message', data: 'x' }])
  })
})

/**
 * A server for one test: answers each request with `respond`, whose body can be a stream the test
 * writes to while the client reads it; records the URL and headers of every request.
 */
function fakeServer(respond: (request: Request) => Response) {
  const requests: Request[] = []
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    requests.push(request)
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError')
    return respond(request)
  }) as typeof fetch
  return { requests, fetch: fetchImpl }
}

function eventStreamBody(signal?: AbortSignal) {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c
      signal?.addEventListener('abort', () =>
        c.error(new DOMException('The operation was aborted.', 'AbortError')),
      )
    },
  })
  return {
    body,
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  }
}

const BASE = 'http://api.test/api/v1'

function problemResponse(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  })
}

describe('readEventStream', () => {
  function session(token: string, refreshed?: string): AuthHandlers & { expired: number } {
    let current = token
    const handlers = {
      expired: 0,
      accessToken: () => current,
      refresh: async () => {
        if (!refreshed) return false
        current = refreshed
        return true
      },
      sessionExpired: () => {
        handlers.expired++
      },
    }
    return handlers
  }

  it('sends the bearer token in the header and delivers each event as it arrives', async () => {
    const stream = eventStreamBody()
    const server = fakeServer(() => {
      // The second line is only written once the first was delivered: nothing waits for the end.
      stream.write('event: line\ndata: {"line":"one"}\n\n')
      return new Response(stream.body, { headers: { 'Content-Type': 'text/event-stream' } })
    })
    const events: ServerSentEvent[] = []

    await readEventStream('/apps/a1/logs?follow=true', {
      baseUrl: BASE,
      fetch: server.fetch,
      auth: session('token-1'),
      onEvent: (event) => {
        events.push(event)
        if (events.length === 1) {
          stream.write('event: line\ndata: {"line":"two"}\n\n')
          stream.end()
        }
      },
    })

    const request = server.requests[0]!
    expect(request.headers.get('Authorization')).toBe('Bearer token-1')
    expect(request.url).toBe(`${BASE}/apps/a1/logs?follow=true`)
    expect(events.map((e) => e.data)).toEqual(['{"line":"one"}', '{"line":"two"}'])
  })

  it('rejects with the problem the server answers', async () => {
    const server = fakeServer(() =>
      problemResponse(403, { title: 'Forbidden', status: 403, code: 'FORBIDDEN' }),
    )

    const failure = await readEventStream('/apps/a1/logs', {
      baseUrl: BASE,
      fetch: server.fetch,
      auth: session('t'),
      onEvent: () => {},
    }).catch((error: unknown) => error)

    expect(failure).toBeInstanceOf(ProblemError)
    expect((failure as ProblemError).status).toBe(403)
    expect((failure as ProblemError).code).toBe('FORBIDDEN')
  })

  it('refreshes the session once on 401 and retries with the new token', async () => {
    const server = fakeServer((request) =>
      request.headers.get('Authorization') !== 'Bearer fresh'
        ? problemResponse(401, { title: 'Unauthorized', status: 401 })
        : new Response('event: end\ndata: {}\n\n', {
            headers: { 'Content-Type': 'text/event-stream' },
          }),
    )
    const events: ServerSentEvent[] = []

    await readEventStream('/apps/a1/status/stream', {
      baseUrl: BASE,
      fetch: server.fetch,
      auth: session('old', 'fresh'),
      onEvent: (event) => events.push(event),
    })

    expect(server.requests.map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer old',
      'Bearer fresh',
    ])
    expect(events).toEqual([{ event: 'end', data: '{}' }])
  })

  it('ends the session when the refresh fails', async () => {
    const server = fakeServer(() => problemResponse(401, { title: 'Unauthorized', status: 401 }))
    const auth = session('old')

    const failure = await readEventStream('/x', {
      baseUrl: BASE,
      fetch: server.fetch,
      auth,
      onEvent: () => {},
    }).catch((error: unknown) => error)

    expect((failure as ProblemError).status).toBe(401)
    expect(auth.expired).toBe(1)
  })

  it('resolves quietly when aborted mid-stream', async () => {
    const controller = new AbortController()
    const stream = eventStreamBody(controller.signal)
    const server = fakeServer(() => {
      stream.write('event: status\ndata: {"phase":"RUNNING"}\n\n')
      return new Response(stream.body, { headers: { 'Content-Type': 'text/event-stream' } })
    })
    const events: ServerSentEvent[] = []

    await readEventStream('/apps/a1/status/stream', {
      baseUrl: BASE,
      fetch: server.fetch,
      auth: session('t'),
      signal: controller.signal,
      onEvent: (event) => {
        events.push(event)
        controller.abort()
      },
    })

    expect(events).toHaveLength(1)
  })

  it('rejects with a network problem when the server cannot be reached', async () => {
    const unreachable = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof fetch

    const failure = await readEventStream('/x', {
      baseUrl: BASE,
      fetch: unreachable,
      auth: null,
      onEvent: () => {},
    }).catch((error: unknown) => error)

    expect((failure as ProblemError).status).toBe(0)
    expect((failure as ProblemError).code).toBe('NETWORK_ERROR')
  })

  it('drops an event the server did not finish before closing', async () => {
    const server = fakeServer(
      () => new Response('event: line\ndata: {"line":"whole"}\n\nevent: line\ndata: {"li'),
    )
    const events: ServerSentEvent[] = []

    await readEventStream('/x', {
      baseUrl: BASE,
      fetch: server.fetch,
      auth: null,
      onEvent: (event) => events.push(event),
    })

    expect(events.map((e) => e.data)).toEqual(['{"line":"whole"}'])
  })
})
