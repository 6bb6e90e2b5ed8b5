/** URL rules shared with the server: links in documents and artifact locations. */

const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:']
const ARTIFACT_PROTOCOLS = ['http:', 'https:', 's3:']

export const LINK_URL_MESSAGE = 'Only http, https and mailto links are allowed'
export const ARTIFACT_URL_MESSAGE = 'Must be an http, https or s3 URL'

function parse(value: string): URL | null {
  try {
    return new URL(value.trim())
  } catch {
    return null
  }
}

/** A link in a rich document: http or https with a host, or mailto with an address. */
export function isAllowedLinkUrl(value: string): boolean {
  const url = parse(value)
  if (!url || !LINK_PROTOCOLS.includes(url.protocol)) {
    return false
  }
  return url.protocol === 'mailto:' ? url.pathname.includes('@') : url.hostname !== ''
}

/** Where an artifact lives: http, https or s3, always with a host (the bucket for s3). */
export function isArtifactUrl(value: string): boolean {
  const url = parse(value)
  return url !== null && ARTIFACT_PROTOCOLS.includes(url.protocol) && url.hostname !== ''
}

/** Whether a URL may be shown as a clickable link (artifacts: s3 URLs are shown as text). */
export function isWebUrl(value: string): boolean {
  const url = parse(value)
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:')
}
