import axios, { type AxiosInstance, type CreateAxiosDefaults } from 'axios'
import { toProblemError } from './problem'

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
