import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Dark } from 'quasar'
import CardRichDocument from './CardRichDocument.vue'
import { plotlyCalls, resetFakePlotly } from '@/testing/fakePlotly'
import { plyrCalls, resetFakePlyr } from '@/testing/fakePlyr'

// The dynamic-import boundaries: Plotly and Plyr are never loaded in specs.
vi.mock('@/composables/plotlyLoader', () => import('@/testing/fakePlotly'))
vi.mock('@/composables/plyrLoader', () => import('@/testing/fakePlyr'))

const FIGURE = '{"data":[{"type":"bar","x":["a"],"y":[1]}],"layout":{"height":300}}'
const chart = (caption = '', figure = FIGURE) =>
  `<div data-type="chart" data-figure='${figure}'${caption ? ` data-caption="${caption}"` : ''}></div>`

let wrapper: VueWrapper | undefined

async function render(html: string) {
  wrapper = mount(CardRichDocument, {
    props: { html, testId: 'card-body' },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const charts = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="chart"]'))

describe('CardRichDocument', () => {
  beforeEach(() => {
    resetFakePlotly()
    resetFakePlyr()
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  it('does not load Plotly or Plyr for a document without charts or videos', async () => {
    await render('<h2>Overview</h2><p>Just text, a <strong>table</strong> and an image.</p>')

    expect(plotlyCalls.loads).toBe(0)
    expect(plyrCalls.loads).toBe(0)
    expect(document.querySelector('[data-testid="card-body"] h2')?.textContent).toBe('Overview')
  })

  it('draws every chart with Plotly and marks it rendered', async () => {
    await render(`<p>Before</p>${chart('Top-1 accuracy')}<p>Between</p>${chart()}`)

    expect(plotlyCalls.loads).toBeGreaterThan(0)
    expect(plotlyCalls.newPlot).toHaveLength(2)
    expect(plotlyCalls.newPlot[0]).toMatchObject({
      data: [{ type: 'bar', x: ['a'], y: [1] }],
      layout: { height: 300 },
      config: { responsive: true, displaylogo: false },
    })
    expect(charts().map((el) => el.getAttribute('data-rendered'))).toEqual(['true', 'true'])
    expect(charts()[0]?.querySelector('.card-chart__caption')?.textContent).toBe('Top-1 accuracy')
  })

  it('draws the charts again in dark colours when the theme turns dark', async () => {
    await render(chart())
    expect(plotlyCalls.newPlot[0]?.layout).toEqual({ height: 300 })

    try {
      Dark.set(true)
      await flushPromises()

      expect(plotlyCalls.newPlot).toHaveLength(2)
      expect(plotlyCalls.newPlot[1]?.layout).toMatchObject({
        height: 300,
        paper_bgcolor: 'rgba(0, 0, 0, 0)',
        font: { color: '#e0e0e0' },
      })
    } finally {
      Dark.set(false)
    }
  })

  it('shows the caption as text, never as HTML', async () => {
    await render(chart('&lt;img src=x onerror=alert(1)&gt;'))

    const caption = charts()[0]?.querySelector('.card-chart__caption')
    expect(caption?.textContent).toBe('<img src=x onerror=alert(1)>')
    expect(caption?.querySelector('img')).toBeNull()
  })

  it('says so instead of drawing a broken figure', async () => {
    await render(chart('', '{&quot;layout&quot;:{}}'))

    expect(plotlyCalls.newPlot).toHaveLength(0)
    expect(charts()[0]?.getAttribute('data-rendered')).toBe('false')
    expect(charts()[0]?.textContent).toContain('This chart cannot be shown.')
  })

  it('purges the charts when it unmounts or the document changes', async () => {
    const page = await render(chart())
    const first = plotlyCalls.newPlot[0]?.element

    await page.setProps({ html: '<p>No chart any more</p>' })
    await flushPromises()
    expect(plotlyCalls.purged).toEqual([first])

    await page.setProps({ html: chart() })
    await flushPromises()
    page.unmount()
    wrapper = undefined
    expect(plotlyCalls.purged).toHaveLength(2)
  })

  it('plays videos with Plyr', async () => {
    await render('<video src="/api/v1/media/m-1?exp=1&amp;sig=s" controls=""></video>')

    expect(plyrCalls.attached).toHaveLength(1)
    expect(plyrCalls.attached[0]?.getAttribute('src')).toBe('/api/v1/media/m-1?exp=1&sig=s')
    expect(plotlyCalls.loads).toBe(0)
  })

  it('says when there is nothing to show', async () => {
    wrapper = mount(CardRichDocument, {
      props: { html: '', testId: 'card-body', emptyText: 'No overview yet.' },
    })

    expect(wrapper.get('[data-testid="card-body-empty"]').text()).toBe('No overview yet.')
  })
})
