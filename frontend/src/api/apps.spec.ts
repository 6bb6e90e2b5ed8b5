import { describe, expect, it } from 'vitest'
import { createApiClient } from './client'
import { parseAppEvent, previewApp, scaleApp } from './apps'
import { ProblemError } from './problem'
import { fakeAdapter, json, problem } from '@/testing/fakeAdapter'

describe('parseAppEvent', () => {
  it('reads a status with its events and pods, filling in missing lists', () => {
    expect(
      parseAppEvent({
        event: 'status',
        data: '{"phase":"RUNNING","ready":true,"wantedReplicas":1,"readyReplicas":1}',
      }),
    ).toEqual({
      kind: 'status',
      status: {
        phase: 'RUNNING',
        ready: true,
        wantedReplicas: 1,
        readyReplicas: 1,
        events: [],
        pods: [],
      },
    })
  })

  it('reads a log line with and without its timestamp', () => {
    expect(
      parseAppEvent({
        event: 'line',
        data: '{"pod":"p","container":"app","line":"ready","timestamp":"2026-03-01T10:00:00Z"}',
      }),
    ).toEqual({
      kind: 'line',
      line: { pod: 'p', container: 'app', line: 'ready', timestamp: '2026-03-01T10:00:00Z' },
    })
    expect(parseAppEvent({ event: 'line', data: '{"pod":"p","container":"c","line":""}' })).toEqual(
      { kind: 'line', line: { pod: 'p', container: 'c', line: '' } },
    )
  })

  it('reads error and end, and skips what it does not know', () => {
    expect(
      parseAppEvent({
        event: 'error',
        data: '{"code":"UNAVAILABLE","detail":"down","retryable":true}',
      }),
    ).toEqual({ kind: 'error', error: { code: 'UNAVAILABLE', detail: 'down', retryable: true } })
    expect(parseAppEvent({ event: 'end', data: '{}' })).toEqual({ kind: 'end' })
    expect(parseAppEvent({ event: 'message', data: '{}' })).toBeNull()
    expect(parseAppEvent({ event: 'line', data: 'not json' })).toBeNull()
    expect(parseAppEvent({ event: 'status', data: '{"no":"phase"}' })).toBeNull()
  })
})

describe('apps API', () => {
  it('posts the form to the preview endpoint and returns the manifests', async () => {
    const adapter = fakeAdapter({
      'POST /apps/preview': json({ documents: [], yaml: '---\nkind: Deployment\n' }),
    })

    const manifests = await previewApp(
      { backendId: 'emissary', image: 'ghcr.io/a/b:1', port: 7860 },
      createApiClient({ adapter }),
    )

    expect(manifests.yaml).toContain('kind: Deployment')
    expect(adapter.requests).toEqual(['POST /apps/preview'])
  })

  it('rejects a refused scale with the field pointer of the problem', async () => {
    const adapter = fakeAdapter({
      'POST /apps/a1/scale': problem({
        title: 'The app has invalid fields.',
        status: 422,
        code: 'INVALID_APP',
        errors: [{ pointer: '/replicas', detail: 'must be from 0 to 3' }],
      }),
    })

    const failure = await scaleApp('a1', 9, createApiClient({ adapter })).catch((e: unknown) => e)

    expect(failure).toBeInstanceOf(ProblemError)
    expect((failure as ProblemError).fieldError('/replicas')).toBe('must be from 0 to 3')
  })
})
