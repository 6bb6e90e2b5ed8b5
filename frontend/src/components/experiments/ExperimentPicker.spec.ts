import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { QSelect, Quasar } from 'quasar'
import ExperimentPicker from './ExperimentPicker.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import { dataset, experiment } from '@/testing/experimentFixtures'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

async function mountPicker(routes: FakeRoutes, kind: 'experiment' | 'dataset' = 'experiment') {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  wrapper = mount(ExperimentPicker, {
    props: { connectorId: 'clearml-main', kind, debounce: 0 },
    global: { plugins: [Quasar] },
    attachTo: document.body,
  })
  await flushPromises()
  return { picker: wrapper, adapter }
}

async function type(text: string): Promise<void> {
  const input = wrapper!.get('input')
  await input.trigger('focus')
  await input.trigger('click')
  ;(input.element as HTMLInputElement).value = text
  await input.trigger('input')
  await flushPromises()
  await new Promise((resolve) => requestAnimationFrame(resolve))
  await flushPromises()
}

// QSelect draws its options with virtual scrolling, which lays out nothing in jsdom: the options
// are read from the select and a choice is made the way QSelect reports it.
const select = () => wrapper!.findComponent(QSelect)
const options = () => select().props('options') as { id: string; name: string; caption: string }[]
async function choose(index: number): Promise<void> {
  select().vm.$emit('update:modelValue', options()[index])
  await flushPromises()
}

describe('ExperimentPicker', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
  })

  it('searches the tracker as the user types and answers the chosen id', async () => {
    const queries: unknown[] = []
    const { picker } = await mountPicker({
      'GET /experiments/clearml-main': (config) => {
        queries.push(config.params)
        return json({ items: [experiment, { ...experiment, id: '7a1b', name: 'resnet50 amp' }] })
      },
    })

    await type('resnet')

    expect(queries.at(-1)).toEqual({ q: 'resnet', size: 25 })
    expect(options().map((option) => option.id)).toEqual(['4f2e', '7a1b'])
    expect(options()[0]!.caption).toBe('Vision · completed · 4f2e')

    await choose(1)

    expect(picker.emitted('pick')).toEqual([['7a1b', 'resnet50 amp']])
  })

  it('searches datasets for the dataset link', async () => {
    const { picker } = await mountPicker(
      { 'GET /datasets/clearml-main': json({ items: [dataset], nextCursor: null }) },
      'dataset',
    )

    await type('imagenet')
    expect(options()[0]!.caption).toBe('Vision · v1.2.0 · ds-9')
    await choose(0)

    expect(picker.emitted('pick')).toEqual([['ds-9', 'imagenet-subset']])
  })

  it('says when nothing matches or the tracker cannot be searched', async () => {
    let fail = false
    await mountPicker({
      'GET /experiments/clearml-main': () =>
        fail
          ? problem({
              title: 'Gateway Timeout',
              status: 504,
              detail: 'The tracker did not answer.',
            })
          : json({ items: [] }),
    })

    await type('nothing')
    expect(document.body.querySelector('[data-testid="picker-empty"]')?.textContent).toContain(
      'Nothing in the tracker matches “nothing”',
    )

    fail = true
    await type('again')
    expect(document.body.querySelector('[data-testid="picker-empty"]')?.textContent).toContain(
      'The tracker did not answer.',
    )
  })
})
