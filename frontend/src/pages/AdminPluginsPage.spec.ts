import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { Notify, Quasar } from 'quasar'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import AdminPluginsPage from './AdminPluginsPage.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { failedPlugin, startedPlugin } from '@/testing/aboutFixtures'
import {
  factories,
  failedResult,
  filesystemInstance,
  mlflowInstance,
  okResult,
  s3Instance,
} from '@/testing/connectorFixtures'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

const listRoutes: FakeRoutes = {
  'GET /plugins': json([startedPlugin, failedPlugin]),
  'GET /connector-factories': json(factories),
  'GET /admin/connectors': json([filesystemInstance, s3Instance, mlflowInstance]),
}

async function mountPage(routes: FakeRoutes = {}, path = '/admin/plugins?tab=connectors') {
  const adapter = fakeAdapter({ ...listRoutes, ...routes })
  apiClient.defaults.adapter = adapter
  const pinia = createPinia()
  setActivePinia(pinia)
  const router: Router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/admin/plugins', component: AdminPluginsPage }],
  })
  await router.push(path)
  wrapper = mount(AdminPluginsPage, {
    global: {
      plugins: [[Quasar, { plugins: { Notify } }], pinia, router],
      // QPage needs QLayout around it; its content is what is under test here.
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, adapter, router }
}

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const rows = (page: VueWrapper) => page.findAll('[data-testid="connector-row"]')
const row = (page: VueWrapper, id: string) => page.get(`[data-connector-id="${id}"]`)

describe('AdminPluginsPage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.restoreAllMocks()
  })

  it('says where new demo apps go when the default backend falls back', async () => {
    const backends = {
      items: [],
      limits: { maxCpu: '4', maxMemory: '8Gi', maxGpus: 1, maxReplicas: 3 },
      defaultBackend: 'knative',
      effectiveBackend: 'emissary',
      fallbackReason: 'The cluster has no KNative Serving',
    }
    const { wrapper: page } = await mountPage({ 'GET /apps/backends': json(backends) })

    const banner = page.get('[data-testid="plugins-backend-fallback"]')
    expect(banner.text()).toContain('emissary')
    expect(banner.text()).toContain('knative')
    expect(banner.text()).toContain('no KNative Serving')
  })

  it('shows no fallback banner when apps go to the default backend', async () => {
    const backends = {
      items: [],
      limits: { maxCpu: '4', maxMemory: '8Gi', maxGpus: 1, maxReplicas: 3 },
      defaultBackend: 'knative',
      effectiveBackend: 'knative',
    }
    const { wrapper: page } = await mountPage({ 'GET /apps/backends': json(backends) })

    expect(page.find('[data-testid="plugins-backend-fallback"]').exists()).toBe(false)
  })
  it('lists the installed plugins with state, reason and extension points', async () => {
    const { wrapper: page } = await mountPage({}, '/admin/plugins')

    const pluginRows = page.findAll('[data-testid="plugin-row"]')
    expect(pluginRows).toHaveLength(2)
    expect(pluginRows[0]!.text()).toContain('data-filesystem')
    expect(pluginRows[0]!.get('[data-testid="plugin-state"]').classes()).toContain('bg-positive')
    expect(pluginRows[0]!.text()).toContain('DatasetConnectorFactory')
    expect(pluginRows[0]!.text()).toContain('AI App Store')
    expect(pluginRows[1]!.get('[data-testid="plugin-state"]').classes()).toContain('bg-negative')
    expect(pluginRows[1]!.get('[data-testid="plugin-reason"]').text()).toBe(
      'Requires plugin API >=2.0.0',
    )
    expect(rows(page)).toHaveLength(0)
  })

  it('keeps the tab in the query string', async () => {
    const { wrapper: page, router } = await mountPage({}, '/admin/plugins')

    await page.get('[data-testid="connectors-tab"]').trigger('click')
    await flushPromises()

    expect(router.currentRoute.value.query.tab).toBe('connectors')
    expect(rows(page)).toHaveLength(3)
  })

  it('groups connectors by kind and marks the active, the read-only and open circuits', async () => {
    const { wrapper: page } = await mountPage()

    expect(page.findAll('h2').map((heading) => heading.text())).toEqual([
      'Data connectors',
      'Experiment connectors',
    ])
    const files = row(page, 'filesystem')
    expect(files.text()).toContain('Local files')
    expect(files.text()).toContain('Local filesystem')
    expect(files.find('[data-testid="connector-active-badge"]').exists()).toBe(true)
    expect(files.find('[data-testid="connector-readonly"]').exists()).toBe(true)
    expect(files.find('[data-testid="connector-activate"]').exists()).toBe(false)
    expect(files.get('[data-testid="connector-edit"]').attributes('disabled')).toBeDefined()
    expect(files.get('[data-testid="connector-delete"]').attributes('disabled')).toBeDefined()

    const minio = row(page, 'minio')
    expect(minio.text()).toContain('minio')
    expect(minio.find('[data-testid="connector-active-badge"]').exists()).toBe(false)
    expect(minio.get('[data-testid="connector-circuit"]').text()).toBe('Circuit open')
    expect(minio.find('[data-testid="connector-activate"]').exists()).toBe(true)
    expect(minio.get('[data-testid="connector-edit"]').attributes('disabled')).toBeUndefined()

    // Only data connectors can be activated.
    const mlflow = row(page, 'mlflow-main')
    expect(mlflow.find('[data-testid="connector-activate"]').exists()).toBe(false)
    expect(mlflow.find('[data-testid="connector-circuit"]').exists()).toBe(false)
  })

  it('shows a successful connection test inline', async () => {
    const { wrapper: page } = await mountPage({
      'POST /admin/connectors/minio/test': json(okResult),
    })

    await row(page, 'minio').get('[data-testid="connector-test"]').trigger('click')
    await flushPromises()

    const result = row(page, 'minio').get('[data-testid="connector-test-result"]')
    expect(result.text()).toContain('Connected · 123 ms')
    expect(result.text()).toContain('Bucket media is reachable')
    expect(result.classes()).toContain('text-positive')
    expect(row(page, 'filesystem').find('[data-testid="connector-test-result"]').exists()).toBe(
      false,
    )
  })

  it('shows a failed connection test with its detail and whether to retry', async () => {
    const { wrapper: page } = await mountPage({
      'POST /admin/connectors/minio/test': json(failedResult),
      'POST /admin/connectors/mlflow-main/test': json({ ...failedResult, retryable: false }),
    })

    await row(page, 'minio').get('[data-testid="connector-test"]').trigger('click')
    await row(page, 'mlflow-main').get('[data-testid="connector-test"]').trigger('click')
    await flushPromises()

    const result = row(page, 'minio').get('[data-testid="connector-test-result"]')
    expect(result.text()).toContain('Connection failed')
    expect(result.text()).not.toContain('Connected')
    expect(result.text()).toContain('Connection refused: minio:9000')
    expect(result.text()).toContain('try again in a moment')
    expect(result.classes()).toContain('text-negative')
    const permanent = row(page, 'mlflow-main').get('[data-testid="connector-test-result"]')
    expect(permanent.text()).not.toContain('try again in a moment')
    expect(permanent.text()).toContain('Check the settings')
  })

  it('activates a data connector after a confirmation naming it', async () => {
    const { wrapper: page, adapter } = await mountPage({
      'POST /admin/connectors/minio/activate': json({ ...s3Instance, active: true }),
    })

    await row(page, 'minio').get('[data-testid="connector-activate"]').trigger('click')
    await flushPromises()
    expect(byTestId('connector-confirm')!.textContent).toContain(
      'New media and bundles will be stored in MinIO',
    )
    expect(adapter.requests).not.toContain('POST /admin/connectors/minio/activate')

    byTestId('confirm-ok')!.click()
    await flushPromises()

    expect(adapter.requests).toContain('POST /admin/connectors/minio/activate')
    expect(row(page, 'minio').find('[data-testid="connector-active-badge"]').exists()).toBe(true)
    expect(row(page, 'filesystem').find('[data-testid="connector-active-badge"]').exists()).toBe(
      false,
    )
  })

  it('tells why an activation failed and keeps the active connector', async () => {
    const { wrapper: page } = await mountPage({
      'POST /admin/connectors/minio/activate': problem({
        title: 'Service Unavailable',
        status: 503,
        detail: 'Connection refused: minio:9000',
      }),
    })

    const notify = vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
    await row(page, 'minio').get('[data-testid="connector-activate"]').trigger('click')
    await flushPromises()
    byTestId('confirm-ok')!.click()
    await flushPromises()

    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'negative', caption: 'Connection refused: minio:9000' }),
    )
    expect(row(page, 'filesystem').find('[data-testid="connector-active-badge"]').exists()).toBe(
      true,
    )
  })

  it('deletes a connector after a confirmation naming it', async () => {
    const { wrapper: page } = await mountPage({
      'DELETE /admin/connectors/mlflow-main': { status: 204 },
    })

    await row(page, 'mlflow-main').get('[data-testid="connector-delete"]').trigger('click')
    await flushPromises()
    expect(byTestId('connector-confirm')!.textContent).toContain('Delete Team MLflow?')
    expect(byTestId('connector-confirm')!.textContent).toContain('mlflow-main')

    byTestId('confirm-ok')!.click()
    await flushPromises()

    expect(page.find('[data-connector-id="mlflow-main"]').exists()).toBe(false)
    expect(rows(page)).toHaveLength(2)
  })

  it('creates a connector and shows the server field errors under the fields', async () => {
    let attempts = 0
    const created = { ...mlflowInstance, id: 'mlflow-lab', displayName: 'Lab MLflow' }
    const { wrapper: page } = await mountPage({
      'POST /admin/connectors': () =>
        ++attempts === 1
          ? problem({
              title: 'Invalid connector',
              status: 422,
              errors: [{ pointer: '/config/trackingUri', detail: 'must be an absolute URI' }],
            })
          : json(created, 201),
    })

    await page.get('[data-testid="new-connector"]').trigger('click')
    await flushPromises()
    const dialog = page.findComponent({ name: 'PluginsConnectorDialog' })
    const [kindSelect] = dialog.findAllComponents({ name: 'QSelect' })
    kindSelect!.vm.$emit('update:modelValue', 'experiment-connector')
    await flushPromises()
    for (const [id, value] of [
      ['connector-id', 'mlflow-lab'],
      ['connector-name', 'Lab MLflow'],
      ['config-field-trackingUri', 'mlflow:5000'],
    ] as const) {
      const input = byTestId(id) as HTMLInputElement
      input.value = value
      input.dispatchEvent(new Event('input'))
    }
    await flushPromises()
    byTestId('connector-save')!.click()
    await flushPromises()

    const uriField = byTestId('config-field-trackingUri')!.closest('.q-field')!
    expect(uriField.textContent).toContain('must be an absolute URI')
    expect(rows(page)).toHaveLength(3)

    byTestId('connector-save')!.click()
    await flushPromises()
    expect(rows(page)).toHaveLength(4)
    expect(row(page, 'mlflow-lab').text()).toContain('Lab MLflow')
  })

  it('says when no connectors are configured', async () => {
    const { wrapper: page } = await mountPage({ 'GET /admin/connectors': json([]) })

    expect(page.get('[data-testid="connectors-empty"]').text()).toContain(
      'No connectors configured yet',
    )
    expect(page.get('[data-testid="new-connector"]').attributes('disabled')).toBeUndefined()
  })

  it('shows a loading error with Retry', async () => {
    let calls = 0
    const { wrapper: page } = await mountPage({
      'GET /admin/connectors': () =>
        ++calls === 1
          ? problem({ title: 'Service Unavailable', status: 503, detail: 'Database down' })
          : json([filesystemInstance]),
    })

    expect(page.get('[data-testid="plugins-error"]').text()).toContain('Database down')
    expect(rows(page)).toHaveLength(0)

    await page.get('[data-testid="plugins-retry"]').trigger('click')
    await flushPromises()

    expect(page.find('[data-testid="plugins-error"]').exists()).toBe(false)
    expect(rows(page)).toHaveLength(1)
  })
})
