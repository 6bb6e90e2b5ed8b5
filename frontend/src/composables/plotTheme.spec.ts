import { describe, expect, it } from 'vitest'
import { themedLayout } from './plotTheme'

describe('themedLayout', () => {
  it('leaves the layout as it is on the light theme', () => {
    const layout = { title: { text: 'Loss' } }

    expect(themedLayout(layout, false)).toBe(layout)
    expect(themedLayout(undefined, false)).toEqual({})
  })

  it('gives a dark figure a transparent paper, light text and faint grid lines', () => {
    const themed = themedLayout({ title: { text: 'Loss' }, yaxis2: { title: 'acc' } }, true)

    expect(themed).toMatchObject({
      paper_bgcolor: 'rgba(0, 0, 0, 0)',
      plot_bgcolor: 'rgba(0, 0, 0, 0)',
      font: { color: '#e0e0e0' },
      title: { text: 'Loss' },
      xaxis: { gridcolor: 'rgba(255, 255, 255, 0.15)' },
      yaxis: { gridcolor: 'rgba(255, 255, 255, 0.15)' },
      yaxis2: { title: 'acc', gridcolor: 'rgba(255, 255, 255, 0.15)' },
    })
  })

  it("keeps every colour the figure's author chose", () => {
    const themed = themedLayout(
      {
        paper_bgcolor: '#fff8e1',
        font: { color: '#333', size: 14 },
        xaxis: { gridcolor: '#ccc', range: [0, 1] },
      },
      true,
    )

    expect(themed.paper_bgcolor).toBe('#fff8e1')
    expect(themed.font).toEqual({ color: '#333', size: 14 })
    expect(themed.xaxis).toMatchObject({ gridcolor: '#ccc', range: [0, 1] })
  })
})
