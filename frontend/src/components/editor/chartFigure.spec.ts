import { describe, expect, it } from 'vitest'
import {
  FIGURE_MAX_DEPTH,
  checkChartFigure,
  checkChartValue,
  parseFigureAttribute,
  plainFigureText,
  plainText,
} from './chartFigure'

const errorOf = (text: string) => {
  const check = checkChartFigure(text)
  return 'error' in check ? check.error : null
}

describe('checkChartFigure', () => {
  it('accepts a figure with data, layout and frames and answers compact JSON', () => {
    const check = checkChartFigure(`{
      "data": [{ "type": "scatter", "x": [1, 2], "y": [3, 4], "name": "recall ≥ 0.9" }],
      "layout": { "title": { "text": "Loss" } },
      "frames": []
    }`)

    expect(check).toEqual({
      figure: {
        data: [{ type: 'scatter', x: [1, 2], y: [3, 4], name: 'recall ≥ 0.9' }],
        layout: { title: { text: 'Loss' } },
        frames: [],
      },
      json: '{"data":[{"type":"scatter","x":[1,2],"y":[3,4],"name":"recall ≥ 0.9"}],"layout":{"title":{"text":"Loss"}},"frames":[]}',
    })
  })

  it('refuses text that is not JSON', () => {
    expect(errorOf('{ data: [] }')).toMatch(/^Not valid JSON/)
    expect(errorOf('')).toMatch(/^Not valid JSON/)
  })

  it('refuses values that are not an object', () => {
    expect(errorOf('[]')).toMatch(/must be a JSON object/)
    expect(errorOf('null')).toMatch(/must be a JSON object/)
    expect(errorOf('"chart"')).toMatch(/must be a JSON object/)
  })

  it('needs a data array', () => {
    expect(errorOf('{}')).toBe('The figure needs a "data" array')
    expect(errorOf('{ "data": {} }')).toBe('The figure needs a "data" array')
    expect(errorOf('{ "data": [], "layout": [] }')).toBe('"layout" must be an object')
    expect(errorOf('{ "data": [], "frames": {} }')).toBe('"frames" must be an array')
  })

  it('refuses < and > in any string, naming where', () => {
    expect(errorOf('{ "data": [{ "name": "<script>" }] }')).toBe(
      'Text must not contain < or > (at data[0].name)',
    )
    expect(errorOf('{ "data": [], "layout": { "title": { "text": "a > b" } } }')).toBe(
      'Text must not contain < or > (at layout.title.text)',
    )
    expect(errorOf('{ "data": [{ "<b>": 1 }] }')).toBe(
      'Names must not contain < or > (at data[0].<b>)',
    )
  })

  it('refuses other top-level members and figures nested too deeply', () => {
    expect(errorOf('{ "data": [], "config": {} }')).toMatch(/not config/)
    let deep: unknown = 1
    for (let i = 0; i < FIGURE_MAX_DEPTH + 1; i++) deep = [deep]
    expect('error' in checkChartValue({ data: [deep] })).toBe(true)
  })
})

describe('parseFigureAttribute', () => {
  it('reads a stored figure and gives up on broken ones', () => {
    expect(parseFigureAttribute('{"data":[{"y":[1]}]}')).toEqual({ data: [{ y: [1] }] })
    expect(parseFigureAttribute('{"data":1}')).toBeNull()
    expect(parseFigureAttribute('not json')).toBeNull()
    expect(parseFigureAttribute(null)).toBeNull()
  })
})

describe('plainText and plainFigureText', () => {
  it.each([
    ['x=%{x}<br>y=%{y}<extra></extra>', 'x=%{x} y=%{y}'],
    ['epoch=%{x}<BR/>loss=%{y}<extra>%{fullData.name}</extra>', 'epoch=%{x} loss=%{y}'],
    ['<b>Validation</b> loss<br />per epoch', 'Validation loss per epoch'],
    ['<a href="javascript:alert(1)">click</a>', 'click'],
    ['<img src=x onerror=alert(1)>', ''],
    ['p < 0.05', 'p &lt; 0.05'],
    ['<script', '&lt;script'],
    ['no markup', 'no markup'],
  ])('makes %s plain, as the server does', (text, plain) => {
    expect(plainText(text)).toBe(plain)
  })

  it('offers the plain figure of a plotly.express figure, which then passes the check', () => {
    const pasted = JSON.stringify({
      data: [
        { type: 'scatter', x: [1, 2], y: [3, 4], hovertemplate: 'x=%{x}<br>y=%{y}<extra></extra>' },
      ],
      layout: { title: { text: '<b>Loss</b>' } },
    })
    expect(errorOf(pasted)).toContain('must not contain < or >')

    const plain = plainFigureText(pasted)

    expect(plain).not.toBeNull()
    expect(errorOf(plain!)).toBeNull()
    expect(JSON.parse(plain!)).toEqual({
      data: [{ type: 'scatter', x: [1, 2], y: [3, 4], hovertemplate: 'x=%{x} y=%{y}' }],
      layout: { title: { text: 'Loss' } },
    })
  })

  it('offers nothing when the markup is not what is wrong, or nothing is', () => {
    expect(plainFigureText('{"data": "not an array", "layout": {"title": "<b>x</b>"}}')).toBeNull()
    expect(plainFigureText('{"data": [], "layout": {"<b>": 1}}')).toBeNull()
    expect(plainFigureText('{"data": []}')).toBeNull()
    expect(plainFigureText('not json')).toBeNull()
  })
})
