import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios'

/** What a fake route answers: a status, a body and headers, or a network failure. */
export type FakeReply =
  { status: number; body?: unknown; headers?: Record<string, string> } | { networkError: true }

export type FakeRoutes = Record<
  string,
  FakeReply | ((config: InternalAxiosRequestConfig) => FakeReply)
>

/**
 * A hand-written axios adapter for tests: answers `METHOD /path` (path relative to baseURL)
 * from a table, settles like axios' own adapters do, and records every request it saw.
 */
export function fakeAdapter(routes: FakeRoutes): AxiosAdapter & { requests: string[] } {
  const requests: string[] = []
  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const key = `${(config.method ?? 'get').toUpperCase()} ${config.url ?? ''}`
    requests.push(key)
    const route = routes[key]
    const reply: FakeReply =
      route === undefined
        ? {
            status: 404,
            body: { type: 'about:blank', title: 'Not Found', status: 404 },
            headers: { 'content-type': 'application/problem+json' },
          }
        : typeof route === 'function'
          ? route(config)
          : route
    if ('networkError' in reply) {
      throw new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, {})
    }
    const response: AxiosResponse = {
      data: reply.body,
      status: reply.status,
      statusText: '',
      headers: new AxiosHeaders({ 'content-type': 'application/json', ...reply.headers }),
      config,
      request: {},
    }
    const validateStatus = config.validateStatus ?? ((status: number) => status < 300)
    if (validateStatus(response.status)) {
      return response
    }
    throw new AxiosError(
      `Request failed with status code ${response.status}`,
      response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      {},
      response,
    )
  }
  return Object.assign(adapter, { requests })
}

export function json(body: unknown, status = 200): FakeReply {
  return { status, body }
}

export function problem(body: Record<string, unknown>): FakeReply {
  const status = typeof body.status === 'number' ? body.status : 500
  return { status, body, headers: { 'content-type': 'application/problem+json' } }
}
