import { describe, expect, it } from 'vitest'
import { readCsrfCookie } from './auth'

describe('the CSRF cookie', () => {
  it('is the __Host- prefixed one when the server sets its cookies Secure', () => {
    expect(readCsrfCookie('theme=dark; __Host-aas_csrf=own')).toBe('own')
  })

  it('prefers the prefixed one to a plain one another host of the domain may have set', () => {
    expect(readCsrfCookie('aas_csrf=tossed; __Host-aas_csrf=own')).toBe('own')
    expect(readCsrfCookie('__Host-aas_csrf=own; aas_csrf=tossed')).toBe('own')
  })

  it('is the plain one over http, where browsers refuse the prefix', () => {
    expect(readCsrfCookie('aas_csrf=local; theme=dark')).toBe('local')
  })

  it('is absent without either', () => {
    expect(readCsrfCookie('theme=dark; aas_csrf_other=x')).toBeUndefined()
    expect(readCsrfCookie('')).toBeUndefined()
  })
})
