import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import { EditorContent } from '@tiptap/vue-3'
import { useRichTextEditor, type RichTextEditor } from './useRichTextEditor'
import type { DroppedMedia } from '@/components/editor/platformMedia'
import { plotlyCalls, resetFakePlotly } from '@/testing/fakePlotly'

vi.mock('@/composables/plotlyLoader', () => import('@/testing/fakePlotly'))

const FIGURE = '{"data":[{"type":"bar","x":["a","b"],"y":[1,2]}]}'
const FIGURE_ATTRIBUTE = FIGURE.replace(/"/g, '&quot;')

let wrapper: VueWrapper | undefined

// jsdom has no layout; ProseMirror measures ranges when it scrolls the selection into view.
beforeAll(() => {
  const rects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList
  Range.prototype.getClientRects ??= rects
  Range.prototype.getBoundingClientRect ??= () => new DOMRect()
  Element.prototype.getClientRects ??= rects
  // ProseMirror's pasteHTML makes a ClipboardEvent, which jsdom does not have.
  globalThis.ClipboardEvent ??= class extends Event {
    clipboardData = null
  } as unknown as typeof ClipboardEvent
})

/** Mounts a component that uses the composable, like RichTextEditor does. */
async function mountEditor(initial = '') {
  const html = ref(initial)
  const changes: string[] = []
  const dropped: DroppedMedia[] = []
  let api: RichTextEditor | undefined
  const Host = defineComponent({
    setup() {
      api = useRichTextEditor({
        content: html,
        onChange: (value) => {
          changes.push(value)
          html.value = value
        },
        onMediaDropped: (value) => dropped.push(value),
      })
      return () => h(EditorContent, { editor: api!.editor.value })
    },
  })
  wrapper = mount(Host, { global: { plugins: [Quasar] }, attachTo: document.body })
  await flushPromises()
  return { rte: api!, html, changes, dropped }
}

describe('useRichTextEditor', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    resetFakePlotly()
  })

  it('writes a chart as the contract says: data-type, data-figure and data-caption', async () => {
    const { rte, html } = await mountEditor()

    rte.insertChart({ figure: FIGURE, caption: 'Top-1 accuracy' })
    await flushPromises()

    expect(html.value).toBe(
      `<div data-type="chart" data-figure="${FIGURE_ATTRIBUTE}" data-caption="Top-1 accuracy"></div><p></p>`,
    )
    // The editor shows a live preview of it.
    expect(plotlyCalls.newPlot).toHaveLength(1)
    expect(plotlyCalls.newPlot[0]?.data).toEqual([{ type: 'bar', x: ['a', 'b'], y: [1, 2] }])
  })

  it('puts the cursor after an inserted block, so the next one does not replace it', async () => {
    const { rte, html } = await mountEditor()

    rte.insertImage('/api/v1/media/0b6e3f0a-0000-4000-8000-000000000001?exp=1&sig=s', 'dot')
    rte.insertChart({ figure: '{"data":[]}', caption: '' })
    rte.insertVideo('/api/v1/media/0b6e3f0a-0000-4000-8000-000000000002?exp=1&sig=s')

    expect(html.value).toBe(
      '<img src="/api/v1/media/0b6e3f0a-0000-4000-8000-000000000001?exp=1&amp;sig=s" alt="dot">' +
        '<div data-type="chart" data-figure="{&quot;data&quot;:[]}"></div>' +
        '<video src="/api/v1/media/0b6e3f0a-0000-4000-8000-000000000002?exp=1&amp;sig=s" controls=""></video><p></p>',
    )
  })

  it('leaves data-caption out when there is no caption', async () => {
    const { rte, html } = await mountEditor()

    rte.insertChart({ figure: '{"data":[]}', caption: '' })

    expect(html.value).toBe(
      '<div data-type="chart" data-figure="{&quot;data&quot;:[]}"></div><p></p>',
    )
  })

  it('writes a 3 × 3 table with a header row, without colgroup or inline styles', async () => {
    const { rte, html } = await mountEditor()

    rte.insertTable()

    const header = '<tr>' + '<th colspan="1" rowspan="1"><p></p></th>'.repeat(3) + '</tr>'
    const row = '<tr>' + '<td colspan="1" rowspan="1"><p></p></td>'.repeat(3) + '</tr>'
    expect(html.value).toBe(`<table><tbody>${header}${row}${row}</tbody></table><p></p>`)
    expect(rte.inTable.value).toBe(true)

    rte.addColumn()
    rte.addRow()
    expect(html.value.match(/<tr>/g)).toHaveLength(4)
    expect(html.value.match(/<th /g)).toHaveLength(4)

    rte.deleteTable()
    expect(html.value).not.toContain('<table')
  })

  it('keeps stored charts, images, videos and links when it reads a document back', async () => {
    const stored =
      '<h2>Model</h2>' +
      '<p><a rel="noopener noreferrer nofollow" href="https://example.org">paper</a></p>' +
      '<img src="/api/v1/media/0b6e3f0a-0000-4000-8000-000000000001?exp=1&amp;sig=s" alt="dot">' +
      '<video src="/api/v1/media/0b6e3f0a-0000-4000-8000-000000000002?exp=1&amp;sig=s" controls=""></video>' +
      `<div data-type="chart" data-figure="${FIGURE_ATTRIBUTE}" data-caption="Scores"></div>`
    const { rte, html } = await mountEditor(stored)

    rte.toggleBold()
    await flushPromises()

    // An edit adds an empty paragraph after a last block that cannot hold the cursor.
    expect(html.value).toBe(`${stored}<p></p>`)
  })

  it('leaves images and videos from elsewhere out of a paste, and says how many', async () => {
    const { rte, html, dropped } = await mountEditor('<p>x</p>')
    const ours = '/api/v1/media/0b6e3f0a-0000-4000-8000-000000000001'

    rte.editor.value!.view.pasteHTML(
      '<p>From a blog</p><img src="https://example.org/cat.png" alt="cat">' +
        `<img src="https://apps.example.org${ours}?exp=1&amp;sig=s" alt="ours">` +
        '<video src="https://example.org/clip.mp4"></video>',
    )
    await flushPromises()

    expect(dropped).toEqual([{ images: 1, videos: 1 }])
    expect(html.value).toContain('From a blog')
    expect(html.value).toContain(`<img src="https://apps.example.org${ours}?exp=1&amp;sig=s"`)
    expect(html.value).not.toContain('example.org/cat.png')
    expect(html.value).not.toContain('<video')
  })

  it('does not read an image or video from elsewhere into the document', async () => {
    const { rte } = await mountEditor(
      '<p>a</p><img src="https://example.org/cat.png"><video src="https://example.org/v.mp4"></video>',
    )

    expect(rte.editor.value!.getHTML()).toBe('<p>a</p>')
  })

  it('accepts only http, https and mailto links', async () => {
    const { rte, html } = await mountEditor('<p>hello</p>')

    expect(rte.setLink('javascript:alert(1)')).toBe(false)
    expect(rte.setLink('https://example.org/docs')).toBe(true)
    expect(html.value).toContain('href="https://example.org/docs"')
    expect(html.value).not.toContain('target=')
  })

  it('reports an empty document as an empty string', async () => {
    const { rte, changes } = await mountEditor('<p>x</p>')

    rte.editor.value!.commands.clearContent(true)

    expect(changes.at(-1)).toBe('')
  })
})
