/** Extension points a connector factory plugs into, as `GET /api/v1/connector-factories` names them. */
export type ConnectorKind = 'data-connector' | 'experiment-connector' | 'deployment-backend'

/** Value types of a connector setting; every value travels as a string. */
export type ConfigType =
  'STRING' | 'TEXT' | 'SECRET' | 'BOOLEAN' | 'INTEGER' | 'URI' | 'ENUM' | 'LIST'

/** One setting of a factory's config schema (the plugin API's `ConfigProperty` record). */
export interface ConfigProperty {
  name: string
  /** Defaults to the name on the server. */
  label: string
  /** May be empty. */
  help: string
  type: ConfigType
  /** Omitted (or null) when the property has no default. */
  defaultValue?: string | null
  required: boolean
  /** The allowed values of an ENUM; empty for other types. */
  options: string[]
}

/** One element of `GET /api/v1/connector-factories`. */
export interface ConnectorFactoryInfo {
  kind: ConnectorKind
  id: string
  displayName: string
  description?: string | null
  docsUrl?: string | null
  capabilities: string[]
  configSchema: ConfigProperty[]
}

export type ConnectorSource = 'DATABASE' | 'CONFIGURATION'

export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN'

/** A configured connector, `GET /api/v1/admin/connectors`; secrets come back masked. */
export interface ConnectorInstance {
  id: string
  kind: ConnectorKind
  factoryId: string
  displayName: string
  config: Record<string, string>
  /** CONFIGURATION instances are defined by the server configuration and read-only here. */
  source: ConnectorSource
  /** Whether this is the data connector new media and bundles are stored in. */
  active: boolean
  circuit: CircuitState
  createdAt?: string | null
  updatedAt?: string | null
  version: number
}

/** Body of `POST /admin/connectors` and `PUT /admin/connectors/{id}`. */
export interface ConnectorInstanceRequest {
  id: string
  kind: ConnectorKind
  factoryId: string
  displayName: string
  config: Record<string, string>
}

/** `POST /admin/connectors/{id}/test`: a failed check is an answer, not an error. */
export interface ConnectionTestResult {
  ok: boolean
  retryable: boolean
  detail: string
  durationMs: number
}
