import { describe, expect, it } from 'vitest'
import {
  experimentCharts,
  findSourceFigure,
  parseChartSource,
  sameFigure,
  serializeChartSource,
} from './chartSource'
import type { Experiment } from '@/types/experiments'

function experiment(partial: Partial<Experiment>): Experiment {
  return {
    connectorId: 'clearml',
    id: 'exp-1',
    name: 'run',
    project: {},
    status: 'completed',
    tags: [],
    frameworks: [],
    parameters: {},
    latestMetrics: [],
    scalars: [],
    plots: [],
    artifacts: [],
    ...partial,
  }
}

const loss = { data: [{ y: [1] }], layout: { title: { text: 'loss' } } }
const accuracy = { data: [{ y: [2] }], layout: { title: 'accuracy' } }
const untitled = { data: [{ y: [3] }] }

describe('chart sources', () => {
  it('writes the keys in the server’s order and reads them back', () => {
    const text = serializeChartSource({
      fetchedAt: '2026-11-28T10:00:00Z',
      name: 'loss',
      kind: 'scalar',
      experimentId: 'exp-1',
      connectorId: 'clearml',
    })
    expect(text).toBe(
      '{"connectorId":"clearml","experimentId":"exp-1","kind":"scalar","name":"loss",' +
        '"fetchedAt":"2026-11-28T10:00:00Z"}',
    )
    expect(parseChartSource(text)?.name).toBe('loss')
  })

  it.each([
    null,
    '',
    'not json',
    '{"connectorId":"c"}',
    '{"connectorId":"c","experimentId":"e",' + '"kind":"table","name":"n","fetchedAt":"x"}',
  ])('has no source for %s', (value) => {
    expect(parseChartSource(value)).toBeNull()
  })

  it('names scalars by their title and plots by theirs, numbering untitled ones', () => {
    const charts = experimentCharts(
      experiment({
        scalars: [loss, accuracy, untitled],
        plots: [{ title: 'Confusion', figure: untitled }, { figure: untitled }],
      }),
    )
    expect(charts.map((c) => `${c.kind}:${c.name}`)).toEqual([
      'scalar:loss',
      'scalar:accuracy',
      'scalar:Scalar 3',
      'plot:Confusion',
      'plot:Plot 2',
    ])
  })

  it('finds the figure a source names, or none when the experiment dropped it', () => {
    const newer = experiment({ scalars: [accuracy, { ...loss, data: [{ y: [9] }] }] })
    const source = {
      connectorId: 'clearml',
      experimentId: 'exp-1',
      kind: 'scalar' as const,
      name: 'loss',
      fetchedAt: '2026-11-28T10:00:00Z',
    }
    expect(findSourceFigure(newer, source)?.data).toEqual([{ y: [9] }])
    expect(findSourceFigure(newer, { ...source, kind: 'plot' })).toBeNull()
  })

  it('compares figures whatever their spacing', () => {
    expect(sameFigure('{"data": [ 1 ]}', '{"data":[1]}')).toBe(true)
    expect(sameFigure('{"data":[1]}', '{"data":[2]}')).toBe(false)
  })
})
