import type { ChartFigure } from './chartFigure'
import type { Experiment } from '@/types/experiments'

/**
 * Where an imported chart came from, kept on its node as `data-source` (see docs/api/experiments.md):
 * the chart can then be refreshed from the tracker, and readers see where the numbers came from.
 */
export interface ChartSource {
  connectorId: string
  experimentId: string
  /** A figure of the experiment's `scalars` (named by its title) or one of its `plots`. */
  kind: 'scalar' | 'plot'
  name: string
  /** When the figure was read from the tracker (ISO-8601 UTC). */
  fetchedAt: string
}

/** A chart an experiment offers for import. */
export interface ExperimentChartOption {
  kind: ChartSource['kind']
  name: string
  figure: ChartFigure
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

/** The source of a chart node, or null when it has none or it is not one. */
export function parseChartSource(value: string | null | undefined): ChartSource | null {
  if (!value) {
    return null
  }
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>
    const { connectorId, experimentId, kind, name, fetchedAt } = parsed
    if (
      isText(connectorId) &&
      isText(experimentId) &&
      (kind === 'scalar' || kind === 'plot') &&
      isText(name) &&
      isText(fetchedAt)
    ) {
      return { connectorId, experimentId, kind, name, fetchedAt }
    }
  } catch {
    // not JSON: no source
  }
  return null
}

/** The attribute value, keys in the order the server writes them. */
export function serializeChartSource(source: ChartSource): string {
  const { connectorId, experimentId, kind, name, fetchedAt } = source
  return JSON.stringify({ connectorId, experimentId, kind, name, fetchedAt })
}

/** A figure's title: Plotly takes `layout.title` as a string or as `{ text }`. */
export function figureTitle(figure: ChartFigure): string {
  const title = figure.layout?.title
  if (typeof title === 'string') {
    return title
  }
  if (
    title &&
    typeof title === 'object' &&
    typeof (title as { text?: unknown }).text === 'string'
  ) {
    return (title as { text: string }).text
  }
  return ''
}

/** Every chart of an experiment that can be imported, scalars first; untitled ones are numbered. */
export function experimentCharts(experiment: Experiment): ExperimentChartOption[] {
  const scalars = experiment.scalars.map((figure, index) => ({
    kind: 'scalar' as const,
    name: figureTitle(figure).trim() || `Scalar ${index + 1}`,
    figure,
  }))
  const plots = experiment.plots.map((plot, index) => ({
    kind: 'plot' as const,
    name: plot.title?.trim() || figureTitle(plot.figure).trim() || `Plot ${index + 1}`,
    figure: plot.figure,
  }))
  return [...scalars, ...plots]
}

/** The figure a source names in a (newly read) experiment, or null when it is gone. */
export function findSourceFigure(experiment: Experiment, source: ChartSource): ChartFigure | null {
  const match = experimentCharts(experiment).find(
    (chart) => chart.kind === source.kind && chart.name === source.name,
  )
  return match?.figure ?? null
}

/** Whether two figure texts hold the same figure, whatever their spacing. */
export function sameFigure(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b))
  } catch {
    return a === b
  }
}

/** A chart node as the editor stores it, for appending imported charts to a document. */
export function chartNodeHtml(figure: ChartFigure, caption: string, source: ChartSource): string {
  const node = document.createElement('div')
  node.setAttribute('data-type', 'chart')
  node.setAttribute('data-figure', JSON.stringify(figure))
  if (caption) {
    node.setAttribute('data-caption', caption)
  }
  node.setAttribute('data-source', serializeChartSource(source))
  return node.outerHTML
}
