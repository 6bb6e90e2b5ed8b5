/** An inference app as `/api/v1/apps` returns it; see docs/api/apps.md. */

export type AppState = 'creating' | 'active' | 'lost' | 'deleting'

export interface AppResources {
  cpuRequest?: string
  cpuLimit?: string
  memoryRequest?: string
  memoryLimit?: string
  gpus?: number
}

/** The owner's and admins' view; card readers get only id, cardId, image, state, url and dates. */
export interface App {
  id: string
  name?: string
  cardId?: string
  ownerId?: string
  backendId?: string
  image: string
  port?: number
  env?: Record<string, string>
  /** Secret names, every value `********`: values are write-only. */
  secretEnv?: Record<string, string>
  resources?: AppResources
  minReplicas?: number
  maxReplicas?: number
  scaleToZero?: boolean
  state: AppState
  url?: string
  /**
   * Where the platform serves the app: `/apps/{id}/`, or on the app's own origin
   * (`https://{id}.apps.example.com/apps/{id}/`); visibility is the card's.
   */
  proxyUrl?: string
  /** A preview (no card yet) is deleted then unless a card is published with it. */
  expiresAt?: string
  createdAt: string
  updatedAt: string
  version?: number
}

/**
 * Access to an app in a frame or tab. Apps on the platform's origin: the answer set the app's
 * cookie, to renew by `expiresAt`. Apps on origins of their own: `enterUrl` sets it on the app's
 * host (valid until `expiresAt`, a minute); the cookie lasts until `cookieExpiresAt`, and the app's
 * host renews it while the app is in use.
 */
export interface AppAccess {
  proxyUrl: string
  enterUrl?: string
  expiresAt: string
  /** With `enterUrl`: when the cookie it sets runs out at the earliest. */
  cookieExpiresAt?: string
}

/** What create, preview and update take. In an update, `********` keeps a stored secret. */
export interface AppInput {
  backendId?: string
  cardId?: string
  image?: string
  port?: number
  env?: Record<string, string>
  secretEnv?: Record<string, string>
  resources?: AppResources
  minReplicas?: number
  maxReplicas?: number
  scaleToZero?: boolean
}

export type AppPhase =
  | 'PENDING'
  | 'DEPLOYING'
  | 'RUNNING'
  | 'SCALED_TO_ZERO'
  | 'FAILED'
  | 'DELETING'
  | 'UNKNOWN'
  | 'MISSING'

export interface AppEvent {
  time?: string
  type: string
  reason: string
  message: string
  object: string
}

export interface AppPod {
  name: string
  ready: boolean
  restarts: number
  containers: string[]
  createdAt?: string
}

export interface AppStatus {
  phase: AppPhase
  ready: boolean
  wantedReplicas: number
  readyReplicas: number
  message?: string
  url?: string
  events: AppEvent[]
  pods: AppPod[]
}

export interface LogLine {
  pod: string
  container: string
  line: string
  timestamp?: string
}

export interface StreamError {
  code: string
  detail: string
  retryable: boolean
}

export type DeploymentCapability =
  'PREVIEW' | 'SCALE_TO_ZERO' | 'GPU' | 'LOGS' | 'LIST_MANAGED' | (string & {})

export interface DeploymentBackendInfo {
  id: string
  displayName: string
  capabilities: DeploymentCapability[]
}

export interface AppLimits {
  maxCpu: string
  maxMemory: string
  maxGpus: number
  maxReplicas: number
}

/** The caller's share: apps (previews included) and GPUs, against the per-user quotas. */
export interface AppQuota {
  maxApps: number
  maxGpus: number
  usedApps: number
  usedGpus: number
}

export interface AppBackends {
  items: DeploymentBackendInfo[]
  limits: AppLimits
  quota?: AppQuota
  /** The configured default backend, and the one new apps really go to. */
  defaultBackend?: string
  effectiveBackend?: string
  /** Why they differ, e.g. the cluster has no KNative Serving. */
  fallbackReason?: string
}

export interface RenderedManifest {
  apiVersion: string
  kind: string
  name: string
  yaml: string
}

export interface RenderedManifests {
  documents: RenderedManifest[]
  yaml: string
}
