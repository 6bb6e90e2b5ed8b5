import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import type { InternalAxiosRequestConfig } from 'axios'
import type { Editor } from '@tiptap/core'
import RichTextEditor from './RichTextEditor.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json } from '@/testing/fakeAdapter'

vi.mock('@/composables/plotlyLoader', () => import('@/testing/fakePlotly'))

const originalAdapter = apiClient.defaults.adapter
const MEDIA = { id: 'm-1', url: '/api/v1/media/0b6e3f0a-0000-4000-8000-000000000001?exp=1&sig=s' }
let wrapper: VueWrapper | undefined

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

/**
 * The editor over a media endpoint that answers when `finish()` is called; `aborted()` says
 * whether the upload's request was aborted.
 */
async function mountEditor(initial = '') {
  let finish: () => void = () => {}
  let signal: AbortSignal | undefined
  const fake = fakeAdapter({ 'POST /media': json(MEDIA, 201) })
  apiClient.defaults.adapter = async (config: InternalAxiosRequestConfig) => {
    if (config.url === '/media') {
      signal = config.signal as AbortSignal
      await new Promise<void>((resolve, reject) => {
        finish = resolve
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
      })
    }
    return fake(config)
  }
  const html = { value: initial }
  const uploading: boolean[] = []
  wrapper = mount(RichTextEditor, {
    props: {
      label: 'Overview',
      modelValue: initial,
      'onUpdate:modelValue': (value: string) => (html.value = value),
      onUploading: (running: boolean) => uploading.push(running),
    },
    global: { plugins: [Quasar] },
    attachTo: document.body,
  })
  await flushPromises()
  return {
    editor: wrapper,
    html,
    uploading,
    finish: async () => {
      finish()
      await flushPromises()
    },
    aborted: () => signal?.aborted === true,
  }
}

async function chooseImage(editor: VueWrapper, name = 'teal.png'): Promise<void> {
  const input = editor.get('[data-testid="editor-image-file"]').element as HTMLInputElement
  Object.defineProperty(input, 'files', {
    value: [new File(['png'], name, { type: 'image/png' })],
    configurable: true,
  })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

const inBody = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

describe('RichTextEditor', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
  })

  it('says that images pasted from elsewhere were left out', async () => {
    await mountEditor('<p>x</p>')
    const content = inBody('editor-content') as HTMLElement & { editor: Editor }

    content.editor.view.pasteHTML(
      '<p>Notes</p><img src="https://example.org/a.png"><img src="https://example.org/b.png">',
    )
    await flushPromises()

    expect(inBody('editor-paste-notice')!.textContent).toContain(
      '2 images were not pasted: a card shows only files uploaded here. Upload them instead.',
    )
    expect(inBody('editor-content')!.querySelector('img')).toBeNull()
  })

  it('measures the HTML the server limits, and warns near the limit', async () => {
    const { editor } = await mountEditor('<p><strong>bold</strong></p>')
    // 4 characters of text, 28 of HTML.
    expect(inBody('editor-character-count')!.textContent).toContain('4 characters')
    expect(inBody('editor-size')!.textContent).toBe('size 28 / 2,000,000')
    expect(inBody('editor-size-warning')).toBeNull()

    await editor.setProps({ modelValue: `<p>${'x'.repeat(1_850_000)}</p>` })

    expect(inBody('editor-size')!.textContent).toBe('size 1,850,007 / 2,000,000')
    expect(inBody('editor-size-warning')!.textContent).toContain('Close to the size limit')

    await editor.setProps({ modelValue: `<p>${'x'.repeat(2_000_000)}</p>` })

    expect(inBody('editor-size-warning')!.textContent).toContain('Too large to save')
  })

  it('says while an image is uploaded, then inserts it named after its file', async () => {
    const { editor, html, uploading, finish } = await mountEditor()

    await chooseImage(editor, 'accuracy-curve.png')
    expect(uploading).toEqual([true])
    await finish()

    expect(uploading).toEqual([true, false])
    expect(html.value).toContain(`alt="accuracy-curve"`)
  })

  it('inserts an uploaded image where the upload started, not over the text selected since', async () => {
    const { editor, html, finish } = await mountEditor('<p>first</p><p>second</p>')
    const tiptap = (inBody('editor-content') as HTMLElement & { editor: Editor }).editor
    tiptap.commands.setTextSelection(6) // the end of “first”
    await chooseImage(editor, 'curve.png')

    // While it uploads, the user writes before the place and selects “second”.
    tiptap.commands.insertContentAt(1, 'Our ')
    tiptap.commands.setTextSelection({ from: 12, to: 18 })
    expect(tiptap.state.doc.textBetween(12, 18)).toBe('second')
    await finish()

    expect(html.value).toBe(
      '<p>Our first</p>' +
        `<img src="${MEDIA.url.replace('&', '&amp;')}" alt="curve">` +
        '<p>second</p>',
    )
    const { from, to } = tiptap.state.selection
    expect(tiptap.state.doc.textBetween(from, to)).toBe('second')
  })

  it('aborts a running upload when it goes away', async () => {
    const { editor, uploading, aborted } = await mountEditor()
    await chooseImage(editor)
    expect(aborted()).toBe(false)

    editor.unmount()
    wrapper = undefined
    await flushPromises()

    expect(aborted()).toBe(true)
    expect(uploading).toEqual([true, false])
  })

  it('offers the alternative text only while an image is selected', async () => {
    const { editor } = await mountEditor('<p>No image here</p>')

    expect(editor.get('[data-testid="editor-image-alt"]').attributes('disabled')).toBeDefined()
  })

  it('edits the alternative text of the selected image', async () => {
    // A document that is just an image starts with the image selected.
    const { editor, html } = await mountEditor(`<img src="${MEDIA.url}" alt="teal">`)

    await editor.get('[data-testid="editor-image-alt"]').trigger('click')
    await flushPromises()
    const text = inBody('image-alt-text') as HTMLInputElement
    expect(text.value).toBe('teal')
    text.value = 'Validation accuracy per epoch'
    text.dispatchEvent(new Event('input'))
    await flushPromises()
    inBody('image-alt-save')!.click()
    await flushPromises()

    expect(html.value).toContain('alt="Validation accuracy per epoch"')
  })

  it('marks a decorative image with an empty alternative text', async () => {
    const { editor, html } = await mountEditor(`<img src="${MEDIA.url}" alt="teal">`)

    await editor.get('[data-testid="editor-image-alt"]').trigger('click')
    await flushPromises()
    inBody('image-alt-decorative')!.click()
    await flushPromises()
    inBody('image-alt-save')!.click()
    await flushPromises()

    expect(html.value).toContain('alt=""')
    expect(html.value).not.toContain('teal')
  })
})
