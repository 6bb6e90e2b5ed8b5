import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { Quasar } from 'quasar'
import { reactive } from 'vue'
import CardWizardTrackerLink from './CardWizardTrackerLink.vue'
import ExperimentPicker from '@/components/experiments/ExperimentPicker.vue'
import { apiClient } from '@/api/client'
import { useExperimentsStore } from '@/stores/experiments'
import { fakeAdapter, json, problem, type FakeReply } from '@/testing/fakeAdapter'
import { clearmlConnector, mlflowConnector } from '@/testing/experimentFixtures'
import type { ExternalRef } from '@/types/cards'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

async function mountLink(
  connectors: FakeReply,
  link: ExternalRef = { connectorId: '', externalId: '' },
  field: 'experiment' | 'dataset' = 'experiment',
) {
  apiClient.defaults.adapter = fakeAdapter({ 'GET /experiment-connectors': connectors })
  const pinia = createPinia()
  setActivePinia(pinia)
  await useExperimentsStore().loadConnectors()
  const model = reactive(link)
  wrapper = mount(CardWizardTrackerLink, {
    props: { field, link: model, errors: {} },
    global: { plugins: [Quasar, pinia] },
  })
  await flushPromises()
  return { view: wrapper, model }
}

describe('CardWizardTrackerLink', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    apiClient.defaults.adapter = originalAdapter
  })

  it('offers the search picker only for a connector that declares search, and fills the id', async () => {
    const { view, model } = await mountLink(json([clearmlConnector, mlflowConnector]), {
      connectorId: 'mlflow-lab',
      externalId: '',
    })
    expect(view.findComponent(ExperimentPicker).exists()).toBe(false)

    model.connectorId = 'clearml-main'
    await flushPromises()
    const picker = view.findComponent(ExperimentPicker)
    expect(picker.exists()).toBe(true)

    picker.vm.$emit('pick', '4f2e', 'resnet50 baseline')
    await flushPromises()

    expect(model.externalId).toBe('4f2e')
    expect(
      (view.get('[data-testid="wizard-experiment-id"]').element as HTMLInputElement).value,
    ).toBe('4f2e')
  })

  it('uses the datasets capability for the dataset link', async () => {
    const { view } = await mountLink(
      json([clearmlConnector, mlflowConnector]),
      { connectorId: 'clearml-main', externalId: '' },
      'dataset',
    )

    expect(view.findComponent(ExperimentPicker).props('kind')).toBe('dataset')
  })

  it('still takes a typed id, and a typed connector when the list cannot be loaded', async () => {
    const { view, model } = await mountLink(problem({ title: 'Unavailable', status: 503 }))

    await view.get('[data-testid="wizard-experiment-connector"]').setValue('clearml-main')
    await view.get('[data-testid="wizard-experiment-id"]').setValue('abc')

    expect(model).toEqual({ connectorId: 'clearml-main', externalId: 'abc' })
    expect(view.text()).toContain('The connector list could not be loaded')
  })
})
