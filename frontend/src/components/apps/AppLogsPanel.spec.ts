import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import AppLogsPanel from './AppLogsPanel.vue'

let wrapper: VueWrapper | undefined

/** A log stream the test writes to while the panel reads it, and the URLs the panel asked for. */
function logServer() {
  const encoder = new TextEncoder()
  const urls: string[] = []
  let controller!: ReadableStreamDefaultController<Uint8Array>
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    urls.push(url)
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c
        init?.signal?.addEventListener('abort', () =>
          c.error(new DOMException('aborted', 'AbortError')),
        )
      },
    })
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })
  })
  return {
    urls,
    line: (text: string) =>
      controller.enqueue(
        encoder.encode(
          `event: line\ndata: ${JSON.stringify({ pod: 'p', container: 'app', line: text })}\n\n`,
        ),
      ),
  }
}

const shown = () =>
  [...document.body.querySelectorAll('[data-testid="app-log-line"]')].map((e) =>
    e.textContent?.trim(),
  )

async function mountPanel() {
  wrapper = mount(AppLogsPanel, {
    props: { appId: 'a1' },
    global: { plugins: [Quasar] },
    attachTo: document.body,
  })
  await flushPromises()
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.unstubAllGlobals()
})

describe('AppLogsPanel', () => {
  it('follows the log and appends each line as it arrives', async () => {
    const server = logServer()
    await mountPanel()

    server.line('Running on local URL')
    await flushPromises()
    expect(shown()).toEqual(['Running on local URL'])

    server.line('model loaded')
    await flushPromises()
    expect(shown()).toEqual(['Running on local URL', 'model loaded'])
    expect(server.urls).toEqual(['/api/v1/apps/a1/logs?follow=true&tail=200'])
  })

  it('holds lines back while paused, shows them on resume, and clears', async () => {
    const server = logServer()
    await mountPanel()
    server.line('one')
    await flushPromises()

    await wrapper!.get('[data-testid="app-logs-pause"]').trigger('click')
    server.line('two')
    server.line('three')
    await flushPromises()
    expect(shown()).toEqual(['one'])
    expect(wrapper!.get('[data-testid="app-logs-pause"]').text()).toContain('Resume (2 new)')

    await wrapper!.get('[data-testid="app-logs-pause"]').trigger('click')
    expect(shown()).toEqual(['one', 'two', 'three'])

    await wrapper!.get('[data-testid="app-logs-clear"]').trigger('click')
    server.line('four')
    await flushPromises()
    expect(shown()).toEqual(['four'])
    expect(server.urls).toHaveLength(1)
  })
})
