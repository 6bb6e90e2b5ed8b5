import { describe, expect, it } from 'vitest'
import { applyImport, describeImport, type ExperimentImport } from './experimentImport'
import { emptyForm, newArtifact } from '@/components/cards/cardForm'
import { parseChartSource } from '@/components/editor/chartSource'

const LOSS = {
  data: [{ type: 'scatter', x: [1, 2], y: [0.9, 0.4], name: 'train' }],
  layout: { title: { text: 'loss' } },
}

function selection(overrides: Partial<ExperimentImport> = {}): ExperimentImport {
  return {
    connectorId: 'clearml',
    experimentId: 'exp-1',
    fetchedAt: '2026-11-28T10:00:00Z',
    tags: [],
    frameworks: [],
    artifacts: [],
    charts: [],
    ...overrides,
  }
}

describe('applyImport', () => {
  it('adds tags and frameworks after the card’s own without duplicates ignoring case', () => {
    const form = emptyForm({ tags: ['Vision', 'resnet'], frameworks: ['PyTorch'] })
    const summary = applyImport(
      form,
      selection({ tags: ['RESNET', 'imagenet', ' fine-tuned '], frameworks: ['pytorch', 'ONNX'] }),
    )
    expect(form.tags).toEqual(['Vision', 'resnet', 'imagenet', 'fine-tuned'])
    expect(form.frameworks).toEqual(['PyTorch', 'ONNX'])
    expect(summary).toMatchObject({ tags: 2, frameworks: 1, skipped: [] })
  })

  it('stops at twenty labels and says how many were left out', () => {
    const own = Array.from({ length: 18 }, (_, i) => `tag${i}`)
    const form = emptyForm({ tags: own })
    const summary = applyImport(form, selection({ tags: ['a', 'b', 'c', 'd'] }))
    expect(form.tags).toHaveLength(20)
    expect(form.tags.slice(18)).toEqual(['a', 'b'])
    expect(summary.tags).toBe(2)
    expect(summary.skipped).toEqual(['2 tags over the limit of 20'])
  })

  it('appends linkable artifacts once and skips other locations', () => {
    const form = emptyForm({
      artifacts: [newArtifact({ name: 'weights', url: 'https://files.example/w.pt' })],
    })
    const summary = applyImport(
      form,
      selection({
        artifacts: [
          { type: 'model', name: 'weights again', url: 'https://files.example/w.pt' },
          { type: 'model', name: 'onnx', url: 's3://bucket/model.onnx', framework: 'ONNX' },
          { type: 'data', name: 'local', url: 'file:///tmp/x' },
        ],
      }),
    )
    expect(form.artifacts.map((a) => [a.name, a.url, a.framework])).toEqual([
      ['weights', 'https://files.example/w.pt', ''],
      ['onnx', 's3://bucket/model.onnx', 'ONNX'],
    ])
    expect(summary.artifacts).toBe(1)
    expect(summary.skipped).toEqual(['artifact “local” (not an http, https or s3 URL)'])
  })

  it('appends charts to the performance document with their source', () => {
    const form = emptyForm({ performance: '<p>Results</p>' })
    applyImport(form, selection({ charts: [{ kind: 'scalar', name: 'loss', figure: LOSS }] }))

    const html = new DOMParser().parseFromString(form.performance, 'text/html')
    expect(html.body.firstElementChild?.outerHTML).toBe('<p>Results</p>')
    const chart = html.querySelector('div[data-type="chart"]')!
    expect(JSON.parse(chart.getAttribute('data-figure')!)).toEqual(LOSS)
    expect(chart.getAttribute('data-caption')).toBe('loss')
    expect(parseChartSource(chart.getAttribute('data-source'))).toEqual({
      connectorId: 'clearml',
      experimentId: 'exp-1',
      kind: 'scalar',
      name: 'loss',
      fetchedAt: '2026-11-28T10:00:00Z',
    })
    expect(chart.hasAttribute('data-edited')).toBe(false)
  })

  it('describes what was added', () => {
    expect(describeImport({ tags: 2, frameworks: 0, artifacts: 1, charts: 1, skipped: [] })).toBe(
      'Imported 2 tags, 1 artifact, 1 chart',
    )
    expect(describeImport({ tags: 0, frameworks: 0, artifacts: 0, charts: 0, skipped: [] })).toBe(
      'Nothing new to import',
    )
  })
})
