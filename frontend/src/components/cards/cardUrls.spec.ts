import { describe, expect, it } from 'vitest'
import { isAllowedLinkUrl, isArtifactUrl, isWebUrl } from './cardUrls'

describe('isAllowedLinkUrl (links in documents)', () => {
  it.each([
    'https://example.org/paper.pdf',
    'http://intranet.local:8080/docs?q=1#top',
    'mailto:ml-team@example.org',
    '  https://example.org  ',
  ])('accepts %s', (url) => {
    expect(isAllowedLinkUrl(url)).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<b>x</b>',
    'ftp://files.example.org/x',
    's3://bucket/key',
    '/relative/path',
    'example.org',
    'mailto:',
    'https://',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedLinkUrl(url)).toBe(false)
  })
})

describe('isArtifactUrl (artifact locations)', () => {
  it.each(['s3://bucket/models/weights.pt', 'https://huggingface.co/x', 'HTTP://EXAMPLE.ORG/a'])(
    'accepts %s',
    (url) => {
      expect(isArtifactUrl(url)).toBe(true)
    },
  )

  it.each(['s3:///no-bucket', 'file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@b.c', 'x'])(
    'refuses %s',
    (url) => {
      expect(isArtifactUrl(url)).toBe(false)
    },
  )
})

describe('isWebUrl (shown as a link)', () => {
  it('links http and https only', () => {
    expect(isWebUrl('https://example.org')).toBe(true)
    expect(isWebUrl('s3://bucket/key')).toBe(false)
    expect(isWebUrl('javascript:alert(1)')).toBe(false)
  })
})
