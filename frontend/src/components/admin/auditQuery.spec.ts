import { describe, expect, it } from 'vitest'
import { auditQueryFromRoute, routeQueryFromAudit, toInstant } from './auditQuery'

describe('audit filters in the address', () => {
  it('keeps the known, non-blank filters only', () => {
    expect(
      auditQueryFromRoute({ actor: ' alice ', action: ['card.', 'x'], target: '', page: '2' }),
    ).toEqual({ actor: 'alice', action: 'card.' })
  })

  it('writes back only what is set', () => {
    expect(routeQueryFromAudit({ actor: 'alice', action: ' ', from: '2026-11-28T10:00' })).toEqual({
      actor: 'alice',
      from: '2026-11-28T10:00',
    })
  })

  it('sends local times as UTC instants and passes anything else on for the server to refuse', () => {
    const local = '2026-11-28T10:00'
    expect(toInstant(local)).toBe(new Date(local).toISOString())
    expect(toInstant('soon')).toBe('soon')
    expect(toInstant(undefined)).toBeUndefined()
  })
})
