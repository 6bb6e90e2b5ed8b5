import { describe, expect, it } from 'vitest'
import type { App, AppStatus } from '@/types/apps'
import { frameSandbox, frameState, renewalDelay } from './appFrame'

const app = (patch: Partial<App> = {}): App => ({
  id: 'a1',
  image: 'ghcr.io/acme/demo:1',
  state: 'active',
  proxyUrl: '/apps/a1/',
  createdAt: '2026-11-28T00:00:00Z',
  updatedAt: '2026-11-28T00:00:00Z',
  ...patch,
})

const status = (patch: Partial<AppStatus>): AppStatus => ({
  phase: 'RUNNING',
  ready: true,
  wantedReplicas: 1,
  readyReplicas: 1,
  events: [],
  pods: [],
  ...patch,
})

describe('frameState', () => {
  it('embeds a running app without a notice', () => {
    expect(frameState(app(), status({}))).toMatchObject({ kind: 'running', embed: true })
    expect(frameState(app(), status({})).notice).toBeUndefined()
  })

  it('keeps showing an app during a rolling update, with a notice', () => {
    const updating = frameState(
      app(),
      status({
        phase: 'DEPLOYING',
        ready: false,
        readyReplicas: 1,
        message: 'Rolling out: 1 of 1 updated, 0 available, 1 old instance left',
      }),
    )
    expect(updating).toMatchObject({
      kind: 'updating',
      embed: true,
      notice: 'Updating: Rolling out: 1 of 1 updated, 0 available, 1 old instance left',
    })
    const starting = frameState(
      app(),
      status({ phase: 'DEPLOYING', ready: false, readyReplicas: 0, message: '0 of 1 ready' }),
    )
    expect(starting).toMatchObject({ kind: 'starting', embed: false })
  })

  it('waits for the status before loading anything', () => {
    expect(frameState(app(), null)).toMatchObject({ kind: 'connecting', embed: false })
  })

  it('loads an app that scales to zero while it wakes, with a notice', () => {
    const asleep = frameState(
      app({ scaleToZero: true }),
      status({ phase: 'SCALED_TO_ZERO', ready: true, wantedReplicas: 0, readyReplicas: 0 }),
    )
    expect(asleep).toMatchObject({ kind: 'waking', embed: true, notice: 'Waking up the app…' })
    const starting = frameState(
      app({ scaleToZero: true }),
      status({ phase: 'DEPLOYING', ready: false, readyReplicas: 0, message: '0 of 1 ready' }),
    )
    expect(starting).toMatchObject({
      kind: 'waking',
      embed: true,
      notice: 'Waking up: 0 of 1 ready',
    })
  })

  it('says a stopped app is stopped instead of loading it', () => {
    const stopped = frameState(
      app({ scaleToZero: false }),
      status({ phase: 'SCALED_TO_ZERO', wantedReplicas: 0, readyReplicas: 0 }),
    )
    expect(stopped).toMatchObject({ kind: 'stopped', embed: false })
  })

  it('shows a starting app with its progress and a failed one with its reason', () => {
    expect(
      frameState(
        app(),
        status({ phase: 'DEPLOYING', ready: false, readyReplicas: 0, message: '0 of 2 ready' }),
      ),
    ).toMatchObject({ kind: 'starting', embed: false, notice: 'Starting: 0 of 2 ready' })
    expect(
      frameState(app(), status({ phase: 'FAILED', ready: false, message: 'ImagePullBackOff' })),
    ).toMatchObject({ kind: 'failed', embed: false, notice: 'ImagePullBackOff' })
  })

  it('never loads a lost or deleting app', () => {
    expect(frameState(app({ state: 'lost' }), status({})).embed).toBe(false)
    expect(frameState(app({ state: 'deleting' }), status({})).embed).toBe(false)
  })
})

describe('frameSandbox', () => {
  it('gives an app on the platform origin an opaque origin', () => {
    const sandbox = frameSandbox('/apps/a1/', 'https://store.example.com')
    expect(sandbox).toContain('allow-scripts')
    expect(sandbox).toContain('allow-same-site-none-cookies')
    expect(sandbox).not.toContain('allow-same-origin')
    expect(
      frameSandbox('https://store.example.com/apps/a1/', 'https://store.example.com'),
    ).not.toContain('allow-same-origin')
  })

  it('lets an app on an origin of its own keep it', () => {
    expect(
      frameSandbox('https://a1.apps.example.com/apps/a1/', 'https://store.example.com').split(' '),
    ).toContain('allow-same-origin')
  })
})

describe('renewalDelay', () => {
  const now = Date.parse('2026-11-29T10:00:00Z')

  it('renews the cookie an answer set before it runs out', () => {
    expect(renewalDelay({ proxyUrl: '/apps/a1/', expiresAt: '2026-11-29T10:15:00Z' }, now)).toBe(
      12 * 60_000,
    )
  })

  it('renews the cookie an entry link sets, not the short link', () => {
    const access = {
      proxyUrl: 'https://a1.apps.example.com/apps/a1/',
      enterUrl: 'https://a1.apps.example.com/.aiappstore/enter?ticket=t',
      expiresAt: '2026-11-29T10:01:00Z',
      cookieExpiresAt: '2026-11-29T10:15:00Z',
    }
    expect(renewalDelay(access, now)).toBe(12 * 60_000)
  })

  it('does not schedule what is already past', () => {
    expect(renewalDelay({ proxyUrl: '/apps/a1/', expiresAt: '2026-11-29T09:59:00Z' }, now)).toBe(
      null,
    )
  })
})
