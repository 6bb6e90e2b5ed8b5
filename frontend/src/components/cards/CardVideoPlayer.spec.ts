import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { Quasar } from 'quasar'
import type { InternalAxiosRequestConfig } from 'axios'
import CardVideoPlayer from './CardVideoPlayer.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json } from '@/testing/fakeAdapter'
import { resetFakePlyr } from '@/testing/fakePlyr'

vi.mock('@/composables/plyrLoader', () => import('@/testing/fakePlyr'))

const originalAdapter = apiClient.defaults.adapter
const { createObjectURL, revokeObjectURL } = URL

/** Object URLs made and revoked: `blob:<body of the answer>`. */
let created: string[]
let revoked: string[]

/** Serves `/media/{id}` with the body `video-{id}`, each answer held until its id is released. */
function heldMedia() {
  const gates = new Map<string, () => void>()
  const held = new Map<string, Promise<void>>()
  const gate = (id: string) => {
    if (!held.has(id)) held.set(id, new Promise<void>((resolve) => gates.set(id, resolve)))
    return held.get(id)!
  }
  apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    const id = (config.url ?? '').split('/').pop() ?? ''
    await gate(id)
    return fakeAdapter({ [`GET /media/${id}`]: json(`video-${id}`) })(config)
  }
  return (id: string) => {
    void gate(id)
    gates.get(id)?.()
  }
}

function mountPlayer(mediaId: string) {
  return mount(CardVideoPlayer, { props: { mediaId }, global: { plugins: [Quasar] } })
}

describe('CardVideoPlayer', () => {
  beforeEach(() => {
    resetFakePlyr()
    created = []
    revoked = []
    URL.createObjectURL = (blob: unknown) => {
      const url = `blob:${String(blob)}`
      created.push(url)
      return url
    }
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url)
    }
  })

  afterEach(() => {
    apiClient.defaults.adapter = originalAdapter
    URL.createObjectURL = createObjectURL
    URL.revokeObjectURL = revokeObjectURL
  })

  it('plays the video fetched with the session, and revokes its URL when unmounted', async () => {
    const release = heldMedia()
    release('m1')
    const player = mountPlayer('m1')
    await flushPromises()

    expect(player.get('video').attributes('src')).toBe('blob:video-m1')

    player.unmount()
    expect(revoked).toEqual(['blob:video-m1'])
  })

  it('shows the newer video when the answer for the previous one comes last', async () => {
    const release = heldMedia()
    const player = mountPlayer('m1')
    await flushPromises()
    await player.setProps({ mediaId: 'm2' })
    release('m2')
    await flushPromises()

    release('m1')
    await flushPromises()

    expect(player.get('video').attributes('src')).toBe('blob:video-m2')
    expect(created.filter((url) => !revoked.includes(url))).toEqual(['blob:video-m2'])
    player.unmount()
  })

  it('leaves no object URL behind when unmounted before the video came', async () => {
    const release = heldMedia()
    const player = mountPlayer('m1')
    await flushPromises()

    player.unmount()
    release('m1')
    await flushPromises()

    expect(created.filter((url) => !revoked.includes(url))).toEqual([])
  })
})
