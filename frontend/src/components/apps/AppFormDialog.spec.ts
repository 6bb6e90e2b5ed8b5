import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import AppFormDialog from './AppFormDialog.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import type { AppBackends } from '@/types/apps'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

const backends: AppBackends = {
  items: [{ id: 'docker', displayName: 'Docker', capabilities: ['PREVIEW'] }],
  limits: { maxCpu: '4', maxMemory: '8Gi', maxGpus: 0, maxReplicas: 3 },
  effectiveBackend: 'docker',
}

async function mountDialog(routes: FakeRoutes) {
  const adapter = fakeAdapter(routes)
  apiClient.defaults.adapter = adapter
  wrapper = mount(AppFormDialog, {
    props: { modelValue: true, cardId: 'c1' },
    global: { plugins: [Quasar] },
    attachTo: document.body,
  })
  await flushPromises()
  return { dialog: wrapper, adapter }
}

const inBody = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

function type(id: string, value: string): void {
  const input = inBody(id) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

async function deploy(): Promise<void> {
  type('app-form-image', 'ghcr.io/acme/sentiment:1.2')
  await flushPromises()
  inBody('app-form-save')!.click()
  await flushPromises()
}

const resourcesExpanded = () =>
  inBody('app-form-resources')!.querySelector('[aria-expanded]')!.getAttribute('aria-expanded')

describe('AppFormDialog', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
  })

  it('opens the resources section to show the server’s message about a field in it', async () => {
    await mountDialog({
      'GET /apps/backends': json(backends),
      'POST /apps': problem({
        title: 'Invalid app',
        status: 422,
        errors: [{ pointer: '/resources/memoryLimit', detail: 'must be at most 8Gi' }],
      }),
    })
    expect(resourcesExpanded()).toBe('false')

    await deploy()

    expect(resourcesExpanded()).toBe('true')
    const field = inBody('app-form-memoryLimit')!.closest('.q-field')!
    expect(field.textContent).toContain('must be at most 8Gi')
    expect(inBody('app-form')).not.toBeNull() // still open
  })

  it('opens the resources section for a replica count refused before sending', async () => {
    const { adapter } = await mountDialog({ 'GET /apps/backends': json(backends) })
    type('app-form-max-replicas', '9')

    await deploy()

    expect(adapter.requests).not.toContain('POST /apps')
    expect(resourcesExpanded()).toBe('true')
    expect(inBody('app-form-max-replicas')!.closest('.q-field')!.textContent).toContain('At most 3')
  })

  it('says the problem in a banner when its field errors are about no field shown', async () => {
    await mountDialog({
      'GET /apps/backends': json(backends),
      'POST /apps': problem({
        title: 'Invalid app',
        status: 422,
        detail: 'The app was refused.',
        errors: [{ pointer: '/cardId', detail: 'no such card' }],
      }),
    })

    await deploy()

    const banner = inBody('app-form-problem')!
    expect(banner.textContent).toContain('Invalid app')
    expect(banner.textContent).toContain('The app was refused.')
    expect(inBody('app-form')!.textContent).toContain('no such card')
  })

  it('shows why the backends did not load, retries, and deploys only once they are there', async () => {
    let calls = 0
    const { adapter } = await mountDialog({
      'GET /apps/backends': () =>
        ++calls === 1
          ? problem({ title: 'Service Unavailable', status: 503, detail: 'The cluster is down.' })
          : json(backends),
      'POST /apps': json({ id: 'a1', image: 'x', state: 'creating', createdAt: '', updatedAt: '' }),
    })

    const banner = inBody('app-form-backends-error')!
    expect(banner.textContent).toContain('Service Unavailable')
    expect(banner.textContent).toContain('The cluster is down.')
    expect(inBody('app-form-save')!.hasAttribute('disabled')).toBe(true)

    inBody('app-form-backends-retry')!.click()
    await flushPromises()

    expect(inBody('app-form-backends-error')).toBeNull()
    expect(inBody('app-form-save')!.hasAttribute('disabled')).toBe(false)
    await deploy()
    expect(adapter.requests).toContain('POST /apps')
  })
})
