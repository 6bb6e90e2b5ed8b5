import type { App, AppInput, AppLimits, DeploymentBackendInfo } from '@/types/apps'

/** The server's mask for a secret value: in an update it keeps the stored value. */
export const SECRET_MASK = '********'

export interface EnvRow {
  name: string
  value: string
}

/** A secret variable; its value is write-only: a stored one is never shown, only replaced. */
export interface SecretRow {
  name: string
  value: string
  stored: boolean
}

export interface AppForm {
  backendId: string
  image: string
  port: number | null
  env: EnvRow[]
  secrets: SecretRow[]
  cpuRequest: string
  cpuLimit: string
  memoryRequest: string
  memoryLimit: string
  gpus: number
  minReplicas: number
  maxReplicas: number
  scaleToZero: boolean
}

/** Field messages by JSON pointer, as the server sends them. */
export type FieldMessages = Record<string, string>

export function emptyAppForm(backendId = ''): AppForm {
  return {
    backendId,
    image: '',
    port: 7860,
    env: [],
    secrets: [],
    cpuRequest: '',
    cpuLimit: '',
    memoryRequest: '',
    memoryLimit: '',
    gpus: 0,
    minReplicas: 1,
    maxReplicas: 1,
    scaleToZero: false,
  }
}

export function appFormFrom(app: App): AppForm {
  return {
    backendId: app.backendId ?? '',
    image: app.image,
    port: app.port ?? null,
    env: Object.entries(app.env ?? {}).map(([name, value]) => ({ name, value })),
    secrets: Object.keys(app.secretEnv ?? {}).map((name) => ({ name, value: '', stored: true })),
    cpuRequest: app.resources?.cpuRequest ?? '',
    cpuLimit: app.resources?.cpuLimit ?? '',
    memoryRequest: app.resources?.memoryRequest ?? '',
    memoryLimit: app.resources?.memoryLimit ?? '',
    gpus: app.resources?.gpus ?? 0,
    minReplicas: app.minReplicas ?? 1,
    maxReplicas: app.maxReplicas ?? 1,
    scaleToZero: app.scaleToZero ?? false,
  }
}

function optional(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/**
 * The body for create, preview or update. A stored secret left empty is sent as the mask (keep
 * it); a secret row removed from the form is left out, which removes it on update.
 */
export function appInputFrom(form: AppForm): AppInput {
  const env: Record<string, string> = {}
  form.env.filter((row) => row.name.trim()).forEach((row) => (env[row.name.trim()] = row.value))
  const secretEnv: Record<string, string> = {}
  form.secrets
    .filter((row) => row.name.trim())
    .forEach(
      (row) =>
        (secretEnv[row.name.trim()] = row.stored && row.value === '' ? SECRET_MASK : row.value),
    )
  const resources = {
    cpuRequest: optional(form.cpuRequest),
    cpuLimit: optional(form.cpuLimit),
    memoryRequest: optional(form.memoryRequest),
    memoryLimit: optional(form.memoryLimit),
    gpus: form.gpus,
  }
  return {
    backendId: form.backendId || undefined,
    image: form.image.trim(),
    port: form.port ?? undefined,
    env,
    secretEnv,
    resources: JSON.parse(JSON.stringify(resources)) as AppInput['resources'],
    minReplicas: form.minReplicas,
    maxReplicas: form.maxReplicas,
    scaleToZero: form.scaleToZero,
  }
}

/** `a/b` → `a~1b`, as a JSON pointer segment. */
export function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** What can be checked before asking the server, with the server's pointers. */
export function validateAppForm(
  form: AppForm,
  limits: AppLimits | null,
  backend: DeploymentBackendInfo | undefined,
  creating: boolean,
): FieldMessages {
  const errors: FieldMessages = {}
  if (!form.backendId) errors['/backendId'] = 'Choose where the app runs'
  if (!form.image.trim()) errors['/image'] = 'Give a container image'
  else if (/\s/.test(form.image.trim())) errors['/image'] = 'An image name has no spaces'
  if (form.port === null || !Number.isInteger(form.port) || form.port < 1 || form.port > 65535)
    errors['/port'] = 'A port from 1 to 65535'
  const names = new Set<string>()
  for (const row of [...form.env, ...form.secrets]) {
    const name = row.name.trim()
    if (!name) continue
    const pointer = `/${form.env.includes(row as EnvRow) ? 'env' : 'secretEnv'}/${pointerSegment(name)}`
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) errors[pointer] = 'Letters, digits, _ . - only'
    else if (names.has(name)) errors[pointer] = 'This name is used twice'
    names.add(name)
  }
  form.secrets.forEach((row) => {
    if (row.name.trim() && !row.stored && row.value === '')
      errors[`/secretEnv/${pointerSegment(row.name.trim())}`] = 'Give a value'
    if (creating && row.value === SECRET_MASK)
      errors[`/secretEnv/${pointerSegment(row.name.trim())}`] = 'Give the value itself'
  })
  if (form.minReplicas < 0 || !Number.isInteger(form.minReplicas))
    errors['/minReplicas'] = 'A whole number, 0 or more'
  if (form.maxReplicas < Math.max(1, form.minReplicas))
    errors['/maxReplicas'] = 'At least 1 and not below the minimum'
  if (limits && form.maxReplicas > limits.maxReplicas)
    errors['/maxReplicas'] = `At most ${limits.maxReplicas}`
  if (limits && form.gpus > limits.maxGpus) errors['/resources/gpus'] = `At most ${limits.maxGpus}`
  if (backend && form.gpus > 0 && !backend.capabilities.includes('GPU'))
    errors['/resources/gpus'] = 'This backend offers no GPUs'
  if (backend && form.scaleToZero && !backend.capabilities.includes('SCALE_TO_ZERO'))
    errors['/scaleToZero'] = 'This backend cannot scale to zero'
  return errors
}
