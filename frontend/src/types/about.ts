/** `GET /api/v1/about` */
export interface AboutInfo {
  name: string
  version: string
  pluginApiVersion: string
  startedAt: string
}

/** PF4J plugin states as reported by the server; other values may appear. */
export type PluginState =
  'STARTED' | 'DISABLED' | 'FAILED' | 'RESOLVED' | 'CREATED' | 'STOPPED' | string

export interface PluginExtension {
  extensionPoint: string
  className: string
}

/** One element of `GET /api/v1/plugins` */
export interface PluginInfo {
  id: string
  version: string
  state: PluginState
  reason: string | null
  description: string | null
  provider: string | null
  requires: string | null
  extensions: PluginExtension[]
}
