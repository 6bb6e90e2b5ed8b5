import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { Quasar } from 'quasar'
import type { InternalAxiosRequestConfig } from 'axios'
import AppFrame from './AppFrame.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json } from '@/testing/fakeAdapter'
import type { App, AppStatus } from '@/types/apps'

const originalAdapter = apiClient.defaults.adapter

const app: App = {
  id: 'a1',
  name: 'sentiment',
  backendId: 'docker',
  image: 'ghcr.io/acme/sentiment:1.2',
  minReplicas: 1,
  maxReplicas: 1,
  state: 'active',
  proxyUrl: '/apps/a1/',
  createdAt: '2026-11-28T10:00:00Z',
  updatedAt: '2026-11-28T10:00:00Z',
}
const running: AppStatus = {
  phase: 'RUNNING',
  ready: true,
  wantedReplicas: 1,
  readyReplicas: 1,
  events: [],
  pods: [],
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Answers the access request once `release` is called, with a ticket renewed after about 40 ms. */
function heldAccess() {
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => (release = resolve))
  const answer = fakeAdapter({
    'POST /apps/a1/access': () =>
      json({ proxyUrl: '/apps/a1/', expiresAt: new Date(Date.now() + 50).toISOString() }),
  })
  apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    await gate
    return answer(config)
  }
  return { requests: answer.requests, release: () => release() }
}

describe('AppFrame', () => {
  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
  })

  it('renews the access to the app while shown', async () => {
    const access = heldAccess()
    access.release()
    const frame = mount(AppFrame, {
      props: { app, status: running },
      global: { plugins: [Quasar] },
    })
    await flushPromises()

    await sleep(150)

    expect(access.requests.length).toBeGreaterThan(1)
    frame.unmount()
  })

  it('stops renewing when unmounted while the access is asked for', async () => {
    const access = heldAccess()
    const frame = mount(AppFrame, {
      props: { app, status: running },
      global: { plugins: [Quasar] },
    })
    await flushPromises()

    frame.unmount()
    access.release()
    await flushPromises()
    await sleep(150)

    expect(access.requests).toEqual(['POST /apps/a1/access'])
  })
})
