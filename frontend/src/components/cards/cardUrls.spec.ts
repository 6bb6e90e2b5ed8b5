import { describe, expect, it } from 'vitest'
import { artifactUrlProblem, isAllowedLinkUrl, isArtifactUrl, isWebUrl } from './cardUrls'

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

  // Refused by the server's java.net.URI, though a browser's URL takes them.
  it.each([
    ['https://example.org/my weights.pt', 'Spaces are not allowed'],
    ['s3://my_bucket/key', 'no “_”'],
    ['https://bücher.de/x', 'no “_”'],
    ['https://example.123/x', 'no “_”'],
    ['https://example.org:8o/x', 'no “_”'],
    ['https://example.org/{id}', 'must be %-encoded'],
    ['https://example.org/a%zz', 'must be %-encoded'],
    ['https://example.org/a|b', 'must be %-encoded'],
    ['https://example.org/x#a#b', 'must be %-encoded'],
  ])('refuses %s as the server does', (url, reason) => {
    expect(isArtifactUrl(url)).toBe(false)
    expect(artifactUrlProblem(url)).toContain(reason)
  })

  it.each([
    's3://my-bucket.eu/key%20with%20spaces',
    'https://user@example.org:8443/a/b;v=1?q=1&r=(2)#top',
    'http://10.0.0.1:9000/bucket/x',
    'http://[::1]:8080/x',
    'http://intranet/x',
    'https://example.org./x',
    'https://example.org/modèle',
  ])('accepts %s as the server does', (url) => {
    expect(artifactUrlProblem(url)).toBeNull()
  })

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
