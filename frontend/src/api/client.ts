import axios, {
  type AxiosInstance,
  type CreateAxiosDefaults,
  type InternalAxiosRequestConfig,
} from 'axios'
import { ProblemError, toProblemError } from './problem'

export const API_BASE_URL = '/api/v1'

/**
 * Creates an axios instance whose failures are always a {@link ProblemError}:
 * `application/problem+json` bodies are parsed, other HTTP errors get a problem from their status,
 * and requests that got no response become a problem with status 0. Cancelled requests stay as they are.
 */
export function createApiClient(config: CreateAxiosDefaults = {}): AxiosInstance {
  const client = axios.create({
    baseURL: API_BASE_URL,
    headers: { Accept: 'application/json, application/problem+json' },
    ...config,
  })
  client.interceptors.response.use(undefined, (error: unknown) =>
    Promise.reject(axios.isCancel(error) ? error : toProblemError(error)),
  )
  return client
}

/** The one API client of the app. */
export const apiClient = createApiClient()

/**
 * What the client needs from the session; the auth store provides it from a boot file, so the
 * client never imports the store.
 */
export interface AuthHandlers {
  /** The current bearer token, or null when signed out. */
  accessToken: () => string | null
  /**
   * Gets a new access token silently; resolves `true` when it worked and `false` when the session
   * is over. Rejects (with a ProblemError) when the server could not answer: the session may still
   * be good, so it is kept. Shared by concurrent callers.
   */
  refresh: () => Promise<boolean>
  /** Called when the session is gone for good (refresh failed): sign out and ask to sign in. */
  sessionExpired: () => void
}

/**
 * The handlers of the current session, for requests that cannot go through axios (event streams
 * read with fetch, since the browser's EventSource cannot send an Authorization header).
 */
let sessionHandlers: AuthHandlers | null = null

export function currentAuth(): AuthHandlers | null {
  return sessionHandlers
}

/** Endpoints that answer 401 as part of signing in; a 401 from them never triggers a refresh. */
const AUTH_ENDPOINTS = ['/auth/login', '/auth/refresh', '/auth/logout', '/auth/config']

interface RetriableConfig extends InternalAxiosRequestConfig {
  authRetried?: boolean
}

function isAuthEndpoint(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0]
  return AUTH_ENDPOINTS.includes(path ?? '')
}

/**
 * Adds `Authorization: Bearer` to every request while there is a token, and answers a 401 with ONE
 * silent refresh and ONE retry of the request; when the refresh is refused the session has expired.
 * When the refresh could not reach the server, the request fails with that problem and the session
 * stays: the user can try again.
 * Returns a function that removes both interceptors.
 */
export function installAuth(client: AxiosInstance, handlers: AuthHandlers): () => void {
  sessionHandlers = handlers
  const requestId = client.interceptors.request.use((config) => {
    const token = handlers.accessToken()
    if (token && !config.headers.has('Authorization')) {
      config.headers.set('Authorization', `Bearer ${token}`)
    }
    return config
  })
  // Registered after the problem interceptor, so it sees ProblemErrors whose cause has the request.
  const responseId = client.interceptors.response.use(undefined, async (error: unknown) => {
    if (!(error instanceof ProblemError) || error.status !== 401) {
      throw error
    }
    const config = (error.cause as { config?: RetriableConfig } | undefined)?.config
    if (!config || config.authRetried || isAuthEndpoint(config.url)) {
      throw error
    }
    // A refresh that got no answer (network error, 5xx) rejects: its problem says why.
    if (!(await handlers.refresh())) {
      handlers.sessionExpired()
      throw error
    }
    config.authRetried = true
    config.headers.delete('Authorization')
    return client.request(config)
  })
  return () => {
    if (sessionHandlers === handlers) {
      sessionHandlers = null
    }
    client.interceptors.request.eject(requestId)
    client.interceptors.response.eject(responseId)
  }
}
