/** URL rules shared with the server: links in documents and artifact locations. */

const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:']
const ARTIFACT_PROTOCOLS = ['http:', 'https:', 's3:']

export const LINK_URL_MESSAGE = 'Only http, https and mailto links are allowed'
export const ARTIFACT_URL_MESSAGE = 'Must be an http, https or s3 URL'

/** A URL as the browser reads it (more lenient than the server's `java.net.URI`). */
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

/**
 * Characters `java.net.URI` takes (RFC 2396): ASCII letters, digits and marks, `%` escapes, and
 * non-ASCII characters other than controls and spaces. No spaces, `"<>\\^\`{|}`, or raw `%`.
 */
const URI_TEXT =
  /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2}|[^\x00-\x7F\x80-\x9F\p{Z}])*$/u
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/

/**
 * The host of a URI as `java.net.URI#getHost` finds it: an IPv4 address, an IPv6 address in
 * brackets, or a host name of ASCII letters, digits and inner hyphens whose last label starts
 * with a letter when there are several. Anything else (`my_bucket`, `bücher.de`, `a..b`) leaves Java without a host.
 */
function isJavaHost(host: string): boolean {
  if (IPV4.test(host)) {
    return host.split('.').every((part) => Number(part) <= 255)
  }
  if (host.startsWith('[')) {
    return /^\[[0-9A-Fa-f:.]+\]$/.test(host)
  }
  const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.')
  // Of several labels, the last must start with a letter (a single one may be all digits).
  const last = labels[labels.length - 1]!
  return (
    labels.every((label) => LABEL.test(label)) && (labels.length === 1 || /^[A-Za-z]/.test(last))
  )
}

/**
 * Why the server would refuse an artifact location, or null: it reads it with `java.net.URI`
 * and wants an http, https or s3 scheme and a host (the bucket for s3).
 */
export function artifactUrlProblem(value: string): string | null {
  const text = value.trim()
  if (/[\s\p{Z}]/u.test(text)) {
    return 'Spaces are not allowed in a URL; write them as %20'
  }
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^#]*)(#.*)?$/.exec(text)
  if (!parts || !ARTIFACT_PROTOCOLS.includes(`${parts[1]!.toLowerCase()}:`)) {
    return ARTIFACT_URL_MESSAGE
  }
  if (!URI_TEXT.test(text) || /[[\]]/.test(parts[3]!) || (parts[4] ?? '').slice(1).includes('#')) {
    return 'Characters such as < > { } | \\ ^ ` " and a % not followed by two hex digits must be %-encoded'
  }
  const authority = parts[2]!
  const server = /^(?:[^@]*@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority)
  if (!server || !server[1] || !isJavaHost(server[1])) {
    return 'Needs a host name of letters, digits, hyphens and dots (no “_”), or an IP address'
  }
  return null
}

/** Where an artifact lives: http, https or s3, always with a host (the bucket for s3). */
export function isArtifactUrl(value: string): boolean {
  return artifactUrlProblem(value) === null
}

/** Whether a URL may be shown as a clickable link (artifacts: s3 URLs are shown as text). */
export function isWebUrl(value: string): boolean {
  const url = parse(value)
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:')
}
