import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Notify, Quasar } from 'quasar'
import { createMemoryHistory, createRouter } from 'vue-router'
import AdminWebhooksPage from './AdminWebhooksPage.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json, problem, type FakeRoutes } from '@/testing/fakeAdapter'
import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios'
import type { Webhook, WebhookDelivery } from '@/types/webhooks'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

const hook: Webhook = {
  id: 'h1',
  url: 'https://hooks.example.com/in',
  secret: '********',
  events: ['card.created'],
  enabled: true,
  createdAt: '2026-11-28T10:00:00Z',
  updatedAt: '2026-11-28T10:00:00Z',
  version: 3,
}
const eventTypes = ['card.created', 'card.updated', 'export.completed']
const delivery: WebhookDelivery = {
  id: 'd1',
  type: 'card.created',
  state: 'delivered',
  occurredAt: '2026-11-28T10:01:00Z',
  attempts: 2,
  nextAttemptAt: null,
  deliveredAt: '2026-11-28T10:01:01Z',
  log: [
    { at: '2026-11-28T10:01:00Z', status: 500, error: 'HTTP 500', durationMs: 3 },
    { at: '2026-11-28T10:01:01Z', status: 204, error: null, durationMs: 2 },
  ],
}

async function mountPage(routes: FakeRoutes = {}, path = '/admin/webhooks') {
  const adapter = fakeAdapter({
    'GET /admin/webhooks': json({ items: [hook], eventTypes }),
    ...routes,
  })
  apiClient.defaults.adapter = adapter
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/admin/webhooks', component: AdminWebhooksPage }],
  })
  await router.push(path)
  wrapper = mount(AdminWebhooksPage, {
    global: {
      plugins: [[Quasar, { plugins: { Notify } }], router],
      stubs: { QPage: { template: '<main><slot /></main>' } },
    },
    attachTo: document.body,
  })
  await flushPromises()
  return { page: wrapper, adapter, router }
}

const inBody = (id: string) =>
  document.body.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)

function type(id: string, value: string): void {
  const input = inBody(id)!
  input.value = value
  input.dispatchEvent(new Event('input'))
}

describe('AdminWebhooksPage', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
    vi.restoreAllMocks()
  })

  it('lists webhooks and shows the delivery log of the one in the address', async () => {
    const { page } = await mountPage(
      { 'GET /admin/webhooks/h1/deliveries': json({ items: [delivery] }) },
      '/admin/webhooks?webhook=h1',
    )

    expect(page.get('[data-testid="webhooks-table"]').text()).toContain(hook.url)
    const log = page.get('[data-testid="webhook-deliveries"]')
    expect(log.text()).toContain('delivered')
    expect(log.text()).toContain('d1')
    expect(page.text()).not.toContain('HTTP 500') // only the last answer is shown
  })

  it('explains what a webhook is when there is none yet', async () => {
    const { page } = await mountPage({ 'GET /admin/webhooks': json({ items: [], eventTypes }) })

    const empty = page.get('[data-testid="webhooks-empty"]')
    expect(empty.text()).toContain('No webhooks yet.')
    expect(empty.text()).toContain('aiappstore.webhooks.allowed-hosts')
  })

  it('shows the server’s refusal of a URL next to the field', async () => {
    const { page } = await mountPage({
      'POST /admin/webhooks': problem({
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        errors: [{ pointer: '/url', detail: 'host 169.254.169.254 is not allowed' }],
      }),
    })

    await page.get('[data-testid="webhook-new"]').trigger('click')
    await flushPromises()
    type('webhook-dialog-url', 'http://169.254.169.254/')
    type('webhook-dialog-secret', 'a-long-enough-secret')
    document.body
      .querySelector<HTMLInputElement>('[data-testid="webhook-dialog-events"] input')!
      .click()
    await flushPromises()
    inBody('webhook-dialog-submit')!.click()
    await flushPromises()

    expect(document.body.textContent).toContain('host 169.254.169.254 is not allowed')
  })

  it('sends no secret when an edit leaves it empty', async () => {
    let sent: unknown = null
    const { page } = await mountPage({
      'PUT /admin/webhooks/h1': (config) => {
        sent = JSON.parse(config.data as string)
        return json(hook)
      },
    })

    await page.get(`button[aria-label="Edit webhook ${hook.url}"]`).trigger('click')
    await flushPromises()
    inBody('webhook-dialog-submit')!.click()
    await flushPromises()

    expect(sent).toEqual({ url: hook.url, events: ['card.created'], enabled: true })
  })

  it('sends the version it read as If-Match and shows a refusal of a stale edit', async () => {
    let ifMatch: unknown = null
    let lists = 0
    const { page } = await mountPage({
      'GET /admin/webhooks': () => {
        lists++
        return json({ items: [hook], eventTypes })
      },
      'PUT /admin/webhooks/h1': (config) => {
        ifMatch = config.headers['If-Match']
        return problem({
          type: 'about:blank',
          title: 'Precondition Failed',
          status: 412,
          detail: 'The webhook changed since you read it; reload it and apply your change again.',
        })
      },
    })

    await page.get(`button[aria-label="Edit webhook ${hook.url}"]`).trigger('click')
    await flushPromises()
    inBody('webhook-dialog-submit')!.click()
    await flushPromises()

    expect(ifMatch).toBe('"3"')
    expect(inBody('webhook-dialog-error')?.textContent).toContain('The webhook changed')
    expect(lists).toBe(2)
  })

  it('names the webhook in the label of each row button', async () => {
    const { page } = await mountPage()

    for (const label of [
      `Deliveries to webhook ${hook.url}`,
      `Send test to webhook ${hook.url}`,
      `Edit webhook ${hook.url}`,
      `Delete webhook ${hook.url}`,
    ]) {
      expect(page.find(`button[aria-label="${label}"]`).exists()).toBe(true)
    }
  })

  it('shows the log of the webhook in the address again after Back and Forward', async () => {
    const other: Webhook = { ...hook, id: 'h2', url: 'https://other.example.com/in' }
    const { page, router, adapter } = await mountPage(
      {
        'GET /admin/webhooks': json({ items: [hook, other], eventTypes }),
        'GET /admin/webhooks/h1/deliveries': json({ items: [delivery] }),
        'GET /admin/webhooks/h2/deliveries': json({
          items: [{ ...delivery, id: 'second-delivery' }],
        }),
      },
      '/admin/webhooks?webhook=h1',
    )
    await page.get(`button[aria-label="Deliveries to webhook ${other.url}"]`).trigger('click')
    await flushPromises()
    expect(page.get('[data-testid="webhook-deliveries"]').text()).toContain('second-delivery')

    router.back()
    await flushPromises()

    expect(router.currentRoute.value.query.webhook).toBe('h1')
    const log = page.get('[data-testid="webhook-deliveries"]').text()
    expect(log).toContain(hook.url)
    expect(log).toContain('d1')
    expect(log).not.toContain('second-delivery')

    router.forward()
    await flushPromises()

    expect(page.get('[data-testid="webhook-deliveries"]').text()).toContain('second-delivery')
    expect(adapter.requests.filter((r) => r.endsWith('/deliveries'))).toEqual([
      'GET /admin/webhooks/h1/deliveries',
      'GET /admin/webhooks/h2/deliveries',
      'GET /admin/webhooks/h1/deliveries',
      'GET /admin/webhooks/h2/deliveries',
    ])
  })

  it('shows that a test is being sent and does not send it twice', async () => {
    let finish: () => void = () => {}
    const fake = fakeAdapter({
      'GET /admin/webhooks': json({ items: [hook], eventTypes }),
      'POST /admin/webhooks/h1/test': json({ deliveryId: 'd9' }, 202),
      'GET /admin/webhooks/h1/deliveries': json({ items: [] }),
    })
    const { page } = await mountPage()
    const slow: AxiosAdapter = async (config: InternalAxiosRequestConfig) => {
      if (config.method === 'post') {
        await new Promise<void>((resolve) => (finish = resolve))
      }
      return fake(config)
    }
    apiClient.defaults.adapter = slow
    vi.spyOn(Notify, 'create').mockImplementation(() => () => {})
    const button = () => page.get('[data-testid="webhook-test-h1"]')

    await button().trigger('click')
    await flushPromises()
    expect(button().attributes('disabled')).toBeDefined()
    expect(button().find('.q-spinner').exists()).toBe(true)
    await button().trigger('click')
    finish()
    await flushPromises()

    expect(fake.requests.filter((r) => r.startsWith('POST'))).toEqual([
      'POST /admin/webhooks/h1/test',
    ])
    expect(button().attributes('disabled')).toBeUndefined()
  })
})
