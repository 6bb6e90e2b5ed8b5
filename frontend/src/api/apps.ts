import type { AxiosInstance } from 'axios'
import type {
  App,
  AppAccess,
  AppBackends,
  AppInput,
  AppStatus,
  LogLine,
  RenderedManifests,
  StreamError,
} from '@/types/apps'
import { apiClient } from './client'
import { readEventStream, type ServerSentEvent } from './eventStream'

const appPath = (id: string) => `/apps/${encodeURIComponent(id)}`

export async function fetchApp(id: string, client: AxiosInstance = apiClient): Promise<App> {
  return (await client.get<App>(appPath(id))).data
}

export async function fetchAppBackends(client: AxiosInstance = apiClient): Promise<AppBackends> {
  return (await client.get<AppBackends>('/apps/backends')).data
}

export async function createApp(input: AppInput, client: AxiosInstance = apiClient): Promise<App> {
  return (await client.post<App>('/apps', input)).data
}

/** The manifests a create would apply; nothing is applied and secret values come back masked. */
export async function previewApp(
  input: AppInput,
  client: AxiosInstance = apiClient,
): Promise<RenderedManifests> {
  return (await client.post<RenderedManifests>('/apps/preview', input)).data
}

/** A rolling update; `env`, `secretEnv` and `resources` replace the whole object. */
export async function updateApp(
  id: string,
  patch: AppInput,
  client: AxiosInstance = apiClient,
): Promise<App> {
  return (await client.patch<App>(appPath(id), patch)).data
}

export async function scaleApp(
  id: string,
  replicas: number,
  client: AxiosInstance = apiClient,
): Promise<AppStatus> {
  return (await client.post<AppStatus>(`${appPath(id)}/scale`, { replicas })).data
}

export async function restoreApp(id: string, client: AxiosInstance = apiClient): Promise<App> {
  return (await client.post<App>(`${appPath(id)}/restore`)).data
}

/**
 * Lets this browser open the app through the platform's proxy: a frame cannot send the bearer
 * token, so the server sets a short-lived cookie for `/apps/{id}/` (needed for private cards and
 * previews; harmless for public ones).
 */
export async function openAppAccess(
  id: string,
  client: AxiosInstance = apiClient,
): Promise<AppAccess> {
  return (await client.post<AppAccess>(`${appPath(id)}/access`)).data
}

export async function deleteApp(id: string, client: AxiosInstance = apiClient): Promise<void> {
  await client.delete(appPath(id))
}

/** What an app's event streams deliver, already parsed. */
export type AppStreamMessage =
  | { kind: 'status'; status: AppStatus }
  | { kind: 'line'; line: LogLine }
  | { kind: 'error'; error: StreamError }
  | { kind: 'end' }

/** Parses one event of a status or logs stream; unknown or malformed events are skipped (null). */
export function parseAppEvent(event: ServerSentEvent): AppStreamMessage | null {
  let data: unknown
  try {
    data = JSON.parse(event.data)
  } catch {
    return null
  }
  if (data === null || typeof data !== 'object') {
    return null
  }
  const record = data as Record<string, unknown>
  switch (event.event) {
    case 'status':
      return typeof record.phase === 'string'
        ? {
            kind: 'status',
            status: {
              ...(record as unknown as AppStatus),
              events: Array.isArray(record.events) ? (record.events as AppStatus['events']) : [],
              pods: Array.isArray(record.pods) ? (record.pods as AppStatus['pods']) : [],
            },
          }
        : null
    case 'line':
      return typeof record.line === 'string'
        ? {
            kind: 'line',
            line: {
              pod: String(record.pod ?? ''),
              container: String(record.container ?? ''),
              line: record.line,
              ...(typeof record.timestamp === 'string' ? { timestamp: record.timestamp } : {}),
            },
          }
        : null
    case 'error':
      return {
        kind: 'error',
        error: {
          code: String(record.code ?? 'ERROR'),
          detail: String(record.detail ?? ''),
          retryable: record.retryable === true,
        },
      }
    case 'end':
      return { kind: 'end' }
    default:
      return null
  }
}

export interface AppStreamOptions {
  signal?: AbortSignal
  baseUrl?: string
}

function stream(
  path: string,
  onMessage: (message: AppStreamMessage) => void,
  options: AppStreamOptions,
): Promise<void> {
  return readEventStream(path, {
    signal: options.signal,
    baseUrl: options.baseUrl,
    onEvent: (event) => {
      const message = parseAppEvent(event)
      if (message) onMessage(message)
    },
  })
}

/** `status` whenever the app's status changes, until the app is gone (`end`) or the signal aborts. */
export function streamAppStatus(
  id: string,
  onMessage: (message: AppStreamMessage) => void,
  options: AppStreamOptions = {},
): Promise<void> {
  return stream(`${appPath(id)}/status/stream`, onMessage, options)
}

export interface LogQuery {
  follow?: boolean
  tail?: number
  since?: string
}

/** Each new log line once; in follow mode until the signal aborts, else until `end`. */
export function streamAppLogs(
  id: string,
  query: LogQuery,
  onMessage: (message: AppStreamMessage) => void,
  options: AppStreamOptions = {},
): Promise<void> {
  const params = new URLSearchParams()
  if (query.follow !== undefined) params.set('follow', String(query.follow))
  if (query.tail !== undefined) params.set('tail', String(query.tail))
  if (query.since) params.set('since', query.since)
  const search = params.toString()
  return stream(`${appPath(id)}/logs${search ? `?${search}` : ''}`, onMessage, options)
}
