import type {
  ConfigProperty,
  ConnectorFactoryInfo,
  ConnectorInstance,
  ConnectorKind,
} from '@/types/connectors'

/** How the server shows a stored secret; sent back, it means "keep the stored one". */
export const SECRET_MASK = '********'

export const KIND_LABELS: Record<ConnectorKind, { one: string; many: string }> = {
  'data-connector': { one: 'Data connector', many: 'Data connectors' },
  'experiment-connector': { one: 'Experiment connector', many: 'Experiment connectors' },
  'deployment-backend': { one: 'Deployment backend', many: 'Deployment backends' },
}

/** Kinds in the order the console lists them. */
export const KINDS: ConnectorKind[] = [
  'data-connector',
  'experiment-connector',
  'deployment-backend',
]

export function kindLabel(kind: string, plural = false): string {
  const labels = KIND_LABELS[kind as ConnectorKind]
  return labels ? (plural ? labels.many : labels.one) : kind
}

/** The JSON pointer of a setting in a request body, as the server's 422 names it. */
export function configPointer(name: string): string {
  return `/config/${name}`
}

/** Values of a LIST setting: the server takes them comma separated. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

export function joinList(items: readonly string[]): string {
  return items
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .join(',')
}

/**
 * The form's starting values: an existing instance's settings (secrets stay masked) and, for
 * settings it lacks, the defaults. Booleans without a default start as `false` so that the toggle shows a state.
 */
export function initialConfig(
  schema: readonly ConfigProperty[],
  existing?: Record<string, string>,
): Record<string, string> {
  const values: Record<string, string> = {}
  for (const property of schema) {
    values[property.name] =
      existing?.[property.name] ??
      property.defaultValue ??
      (property.type === 'BOOLEAN' ? 'false' : '')
  }
  return values
}

/**
 * What is sent: the schema's settings that have a value. Empty ones are left out, so the server
 * applies defaults and names missing required settings.
 */
export function configPayload(
  schema: readonly ConfigProperty[],
  values: Record<string, string>,
): Record<string, string> {
  const config: Record<string, string> = {}
  for (const property of schema) {
    const value = values[property.name]
    const normalized =
      property.type === 'LIST'
        ? joinList(splitList(value))
        : property.type === 'TEXT' || property.type === 'SECRET'
          ? (value ?? '')
          : (value ?? '').trim()
    if (normalized !== '') {
      config[property.name] = normalized
    }
  }
  return config
}

export function findFactory(
  factories: readonly ConnectorFactoryInfo[],
  instance: Pick<ConnectorInstance, 'kind' | 'factoryId'>,
): ConnectorFactoryInfo | undefined {
  return factories.find(
    (factory) => factory.kind === instance.kind && factory.id === instance.factoryId,
  )
}
