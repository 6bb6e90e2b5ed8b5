import { describe, expect, it } from 'vitest'
import { decodeEntities, escapeHtml, safeSnippetHtml, snippetText } from './snippetHtml'

/** The elements a browser makes of some HTML. */
function elementsOf(html: string): string[] {
  const container = document.createElement('div')
  container.innerHTML = html
  return Array.from(container.querySelectorAll('*')).map((element) => element.tagName)
}

describe('safeSnippetHtml', () => {
  it('keeps the marks and the escaped text of a server snippet', () => {
    const html = safeSnippetHtml(
      '… a <mark>residual</mark> network &amp; friends &#x2F; &#x27;x&#x27;',
    )

    expect(html).toBe('… a <mark>residual</mark> network &amp; friends / &#39;x&#39;')
    expect(elementsOf(html)).toEqual(['MARK'])
  })

  it('shows escaped markup as text and never decodes twice', () => {
    const html = safeSnippetHtml('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;')

    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;')
    expect(elementsOf(html)).toEqual([])
    expect(snippetText('&lt;script&gt; &amp;lt;b&amp;gt;')).toBe('<script> &lt;b&gt;')
  })

  it('turns any other markup into text', () => {
    const html = safeSnippetHtml(
      '<img src=x onerror=alert(1)><mark onclick="x()">a</mark><b>b</b><MARK>c</MARK>',
    )

    expect(elementsOf(html)).toEqual(['MARK'])
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;mark onclick=&quot;x()&quot;&gt;a')
    expect(html).toContain('<mark>c</mark>')
  })

  it('balances marks: stray closings go, an open one is closed, none are nested', () => {
    expect(safeSnippetHtml('a</mark>b')).toBe('ab')
    expect(safeSnippetHtml('<mark>a')).toBe('<mark>a</mark>')
    expect(safeSnippetHtml('<mark>a<mark>b</mark>c</mark>')).toBe('<mark>ab</mark>c')
  })

  it('answers nothing for no snippet', () => {
    expect(safeSnippetHtml(undefined)).toBe('')
    expect(safeSnippetHtml('')).toBe('')
  })

  it('decodes numeric references and refuses invalid code points', () => {
    expect(decodeEntities('&#65;&#x42;&#0;&#xD800;&nbsp;')).toBe('AB\ufffd\ufffd&nbsp;')
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    )
  })
})
