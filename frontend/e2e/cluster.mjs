// The Kubernetes side of the apps browser tests (not a test file itself): BrowserIT starts fabric8's
// CRUD mock with a controller that gives every Deployment its ready pods, and says where it is in
// E2E_K8S_URL and E2E_K8S_NAMESPACE.
import { NO_ADMIN_PASSWORD, ADMIN_PASSWORD } from './session.mjs'

export const K8S_URL = (process.env.E2E_K8S_URL || '').replace(/\/$/, '')
export const NAMESPACE = process.env.E2E_K8S_NAMESPACE || 'tck-apps'

/** Why an apps browser test cannot run here, or false. */
export const NO_CLUSTER = !ADMIN_PASSWORD
  ? NO_ADMIN_PASSWORD
  : !K8S_URL
    ? 'E2E_K8S_URL is not set: BrowserIT starts a Kubernetes mock and sets it'
    : false

/** The Deployments of the namespace, as an administrator with kubectl sees them. */
export async function deployments() {
  const response = await fetch(`${K8S_URL}/apis/apps/v1/namespaces/${NAMESPACE}/deployments`)
  return (await response.json()).items ?? []
}

/**
 * Adds an emissary deployment backend on the mock cluster through the admin API.
 *
 * @param publicBaseUrl where Emissary's gateway would serve the apps
 */
export function addEmissaryBackend(api, { id, displayName, publicBaseUrl }) {
  return api('POST', '/admin/connectors', {
    id,
    kind: 'deployment-backend',
    factoryId: 'emissary',
    displayName,
    config: {
      namespace: NAMESPACE,
      masterUrl: K8S_URL + '/',
      token: 'cluster-token',
      publicBaseUrl,
    },
  })
}

/**
 * The name of the app in the app panel once the app has loaded: until then the panel shows its id.
 */
export async function appName(page) {
  const name = page.locator('[data-testid="app-name"][data-loaded="true"]')
  await name.waitFor()
  return (await name.textContent()).trim()
}
