import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { Quasar } from 'quasar'
import ExperimentPanel from './ExperimentPanel.vue'
import { apiClient } from '@/api/client'
import { plotlyCalls, resetFakePlotly } from '@/testing/fakePlotly'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { dataset, experiment } from '@/testing/experimentFixtures'
import type { ExternalRef } from '@/types/cards'

vi.mock('@/composables/plotlyLoader', () => import('@/testing/fakePlotly'))

const originalAdapter = apiClient.defaults.adapter
const EXPERIMENT = 'GET /experiments/clearml-main/4f2e'
const DATASET = 'GET /datasets/clearml-main/ds-9'
const experimentRef: ExternalRef = { connectorId: 'clearml-main', externalId: '4f2e' }
const datasetRef: ExternalRef = { connectorId: 'clearml-main', externalId: 'ds-9' }
let wrapper: VueWrapper | undefined

async function mountPanel(
  routes: FakeRoutes,
  links: { experiment?: ExternalRef | null; dataset?: ExternalRef | null } = {},
) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  const pinia = createPinia()
  setActivePinia(pinia)
  wrapper = mount(ExperimentPanel, {
    props: {
      experiment: links.experiment === undefined ? experimentRef : links.experiment,
      dataset: links.dataset ?? null,
    },
    global: { plugins: [Quasar, pinia] },
  })
  await flushPromises()
  return { panel: wrapper, adapter }
}

describe('ExperimentPanel', () => {
  beforeEach(() => resetFakePlotly())

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    apiClient.defaults.adapter = originalAdapter
  })

  it('shows the experiment with its parameters, metrics, charts and a link to the tracker', async () => {
    const { panel } = await mountPanel({ [EXPERIMENT]: json(experiment) })

    expect(panel.get('[data-testid="experiment-name"]').text()).toBe('resnet50 baseline')
    expect(panel.get('[data-testid="experiment-status"]').text()).toBe('completed')
    expect(panel.get('[data-testid="experiment-owner"]').text()).toContain('alice')
    expect(panel.get('[data-testid="experiment-project"]').text()).toContain('Vision')
    expect(panel.get('[data-testid="experiment-tracker-link"]').attributes('href')).toBe(
      experiment.webUrl,
    )
    const parameters = panel.get('[data-testid="experiment-parameters"]').text()
    expect(parameters).toContain('Args/lr')
    expect(parameters).toContain('0.001')
    expect(parameters).toContain('true')
    const metrics = panel.get('[data-testid="experiment-metrics"]').text()
    expect(metrics).toContain('0.7613')
    expect(metrics).toContain('—')
    // Two scalars and one plot, each drawn by (the fake) Plotly.
    expect(panel.findAll('[data-testid="experiment-chart"]')).toHaveLength(3)
    expect(plotlyCalls.newPlot).toHaveLength(3)
    expect(
      panel.findAll('[data-testid="experiment-chart"]').map((c) => c.attributes('data-rendered')),
    ).toEqual(['true', 'true', 'true'])
    expect(panel.get('[data-testid="experiment-artifacts"]').text()).toContain('102 MB')
  })

  it('mounts no chart and never loads Plotly when there are no scalars or plots', async () => {
    const { panel } = await mountPanel({
      [EXPERIMENT]: json({ ...experiment, scalars: [], plots: [] }),
    })

    expect(panel.find('[data-testid="experiment-name"]').exists()).toBe(true)
    expect(panel.find('[data-testid="experiment-scalars"]').exists()).toBe(false)
    expect(panel.find('[data-testid="experiment-chart"]').exists()).toBe(false)
    expect(plotlyCalls.loads).toBe(0)
  })

  it('shows skeletons while the tracker is asked', async () => {
    apiClient.defaults.adapter = () => new Promise(() => undefined)
    const pinia = createPinia()
    setActivePinia(pinia)
    wrapper = mount(ExperimentPanel, {
      props: { experiment: experimentRef, dataset: datasetRef },
      global: { plugins: [Quasar, pinia] },
    })
    await flushPromises()

    expect(wrapper.find('[data-testid="experiment-loading"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="dataset-loading"]').exists()).toBe(true)
  })

  it('says when the linked experiment no longer exists', async () => {
    const { panel } = await mountPanel({
      [EXPERIMENT]: problem({ title: 'Not Found', status: 404, code: 'EXPERIMENT_NOT_FOUND' }),
    })

    expect(panel.get('[data-testid="experiment-missing"]').text()).toContain(
      'The linked experiment no longer exists',
    )
    expect(panel.find('[data-testid="experiment-retry"]').exists()).toBe(false)
  })

  it.each([503, 504])('offers Retry when the tracker is not answering (%i)', async (status) => {
    let fail = true
    const { panel, adapter } = await mountPanel({
      [EXPERIMENT]: () =>
        fail
          ? problem({
              title: 'Unavailable',
              status,
              code: status === 504 ? 'TIMEOUT' : 'UNAVAILABLE',
            })
          : json(experiment),
    })
    expect(panel.get('[data-testid="experiment-unavailable"]').text()).toContain(
      'The tracker is not answering',
    )

    fail = false
    await panel.get('[data-testid="experiment-retry"]').trigger('click')
    await flushPromises()

    expect(adapter.requests.filter((r) => r === EXPERIMENT)).toHaveLength(2)
    expect(panel.find('[data-testid="experiment-unavailable"]').exists()).toBe(false)
    expect(panel.get('[data-testid="experiment-name"]').text()).toBe('resnet50 baseline')
  })

  it('shows other problems in the server words', async () => {
    const { panel } = await mountPanel({
      [EXPERIMENT]: problem({
        title: 'Bad Gateway',
        status: 502,
        code: 'UNAUTHORIZED_REMOTE',
        detail: 'The tracker refused the credentials.',
      }),
    })

    expect(panel.get('[data-testid="experiment-error"]').text()).toContain(
      'The tracker refused the credentials.',
    )
  })

  it('sums up a linked dataset without an experiment, linking only web addresses', async () => {
    const { panel, adapter } = await mountPanel(
      { [DATASET]: json(dataset) },
      { experiment: null, dataset: datasetRef },
    )

    expect(adapter.requests).toEqual([DATASET])
    expect(panel.get('[data-testid="dataset-name"]').text()).toBe('imagenet-subset')
    expect(panel.get('[data-testid="dataset-version"]').text()).toContain('1.2.0')
    const files = panel.get('[data-testid="dataset-files"]').text()
    expect(files).toContain('1,200 files')
    expect(files).toContain('1.5 GB')
    expect(files).toContain('train/0001.jpg')
    // javascript: is no link.
    expect(panel.find('[data-testid="dataset-tracker-link"]').exists()).toBe(false)
  })

  it('says when the linked dataset no longer exists', async () => {
    const { panel } = await mountPanel(
      { [DATASET]: problem({ title: 'Not Found', status: 404, code: 'DATASET_NOT_FOUND' }) },
      { experiment: null, dataset: datasetRef },
    )

    expect(panel.get('[data-testid="dataset-missing"]').text()).toContain(
      'The linked dataset no longer exists',
    )
  })
})
