import { describe, expect, it } from 'vitest'
import { createApiClient } from './client'
import { ProblemError } from './problem'
import { fakeAdapter, json, problem } from '@/testing/fakeAdapter'

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the request to fail')
}

describe('API client', () => {
  it('sends requests below /api/v1', async () => {
    const adapter = fakeAdapter({ 'GET /about': json({ name: 'AI App Store' }) })
    const client = createApiClient({ adapter })

    const response = await client.get('/about')

    expect(client.defaults.baseURL).toBe('/api/v1')
    expect(response.data).toEqual({ name: 'AI App Store' })
    expect(adapter.requests).toEqual(['GET /about'])
  })

  describe('when the server answers with application/problem+json', () => {
    it('rejects with a ProblemError carrying every problem member', async () => {
      const client = createApiClient({
        adapter: fakeAdapter({
          'GET /models/alice/resnet': problem({
            type: 'https://aiappstore.org/problems/not-found',
            title: 'Model not found',
            status: 404,
            detail: 'No model card alice/resnet',
            instance: 'urn:uuid:1234',
            code: 'MODEL_NOT_FOUND',
          }),
        }),
      })

      const error = await rejectionOf(client.get('/models/alice/resnet'))

      expect(error).toBeInstanceOf(ProblemError)
      expect(error).toMatchObject({
        type: 'https://aiappstore.org/problems/not-found',
        title: 'Model not found',
        status: 404,
        detail: 'No model card alice/resnet',
        instance: 'urn:uuid:1234',
        code: 'MODEL_NOT_FOUND',
        errors: [],
      })
    })

    it('keeps the JSON pointer of each invalid field', async () => {
      const client = createApiClient({
        adapter: fakeAdapter({
          'POST /models': problem({
            type: 'about:blank',
            title: 'Validation failed',
            status: 422,
            errors: [
              { pointer: '/title', detail: 'must not be blank' },
              { pointer: '/tags/0', detail: 'size must be between 1 and 32' },
            ],
          }),
        }),
      })

      const error = (await rejectionOf(client.post('/models', { title: '' }))) as ProblemError

      expect(error.status).toBe(422)
      expect(error.errors).toEqual([
        { pointer: '/title', detail: 'must not be blank' },
        { pointer: '/tags/0', detail: 'size must be between 1 and 32' },
      ])
      expect(error.fieldError('/title')).toBe('must not be blank')
      expect(error.fieldError('/description')).toBeUndefined()
    })

    it('parses a problem body that arrived as text', async () => {
      const client = createApiClient({
        adapter: fakeAdapter({
          'GET /about': {
            status: 503,
            body: '{"title":"Unavailable","status":503,"code":"MAINTENANCE"}',
            headers: { 'content-type': 'application/problem+json; charset=utf-8' },
          },
        }),
      })

      const error = (await rejectionOf(client.get('/about'))) as ProblemError

      expect(error).toMatchObject({ title: 'Unavailable', status: 503, code: 'MAINTENANCE' })
    })
  })

  it('turns an HTTP error without a problem body into a ProblemError from its status', async () => {
    const client = createApiClient({
      adapter: fakeAdapter({ 'GET /about': { status: 502, body: '<html>Bad gateway</html>' } }),
    })

    const error = (await rejectionOf(client.get('/about'))) as ProblemError

    expect(error).toBeInstanceOf(ProblemError)
    expect(error).toMatchObject({ type: 'about:blank', title: 'HTTP 502', status: 502 })
  })

  it('turns a network failure into a ProblemError with status 0', async () => {
    const client = createApiClient({
      adapter: fakeAdapter({ 'GET /about': { networkError: true } }),
    })

    const error = (await rejectionOf(client.get('/about'))) as ProblemError

    expect(error).toBeInstanceOf(ProblemError)
    expect(error.status).toBe(0)
    expect(error.isNetworkError).toBe(true)
    expect(error.title).toBe('Network error')
    expect(error.code).toBe('NETWORK_ERROR')
  })
})
