/**
 * Highlighted snippets of the search API are escaped text in which only `<mark>` and `</mark>` are
 * markup. They are still not trusted: this takes the text apart at exactly those two tags, decodes
 * the character references of each text piece once, escapes everything again and puts the marks
 * back, balanced and never nested. Whatever else the input holds ends up as visible text.
 */

const MARK = /<(\/?)mark>/gi

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g

function codePoint(value: number): string {
  return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff)
    ? String.fromCodePoint(value)
    : '\ufffd'
}

/** Decodes the character references the server writes (`&lt;`, `&amp;`, `&#x27;`, `&#39;`, …). */
export function decodeEntities(text: string): string {
  return text.replace(REFERENCE, (_match, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return codePoint(Number.parseInt(decimal, 10))
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16))
    return NAMED[name ?? ''] ?? ''
  })
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Safe HTML of a snippet: escaped text and balanced `<mark>` elements, nothing else. */
export function safeSnippetHtml(snippet: string | null | undefined): string {
  if (!snippet) {
    return ''
  }
  let html = ''
  let open = false
  let last = 0
  for (const match of snippet.matchAll(MARK)) {
    html += escapeHtml(decodeEntities(snippet.slice(last, match.index)))
    last = match.index + match[0].length
    const closing = match[1] === '/'
    if (!closing && !open) {
      html += '<mark>'
      open = true
    } else if (closing && open) {
      html += '</mark>'
      open = false
    }
  }
  html += escapeHtml(decodeEntities(snippet.slice(last)))
  return open ? `${html}</mark>` : html
}

/** The plain text of a snippet (marks dropped), e.g. for a title attribute or an aria-label. */
export function snippetText(snippet: string | null | undefined): string {
  return decodeEntities((snippet ?? '').replace(MARK, ''))
}
