import { describe, expect, it } from 'vitest'
import { countOf } from './countOf'

describe('countOf', () => {
  it('puts the noun in the number of the count', () => {
    expect(countOf(0, 'user')).toBe('0 users')
    expect(countOf(1, 'user')).toBe('1 user')
    expect(countOf(2, 'card')).toBe('2 cards')
    expect(countOf(1204, 'model')).toBe(`${(1204).toLocaleString()} models`)
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries')
  })
})
