import { getCurrentInstance, onBeforeUnmount } from 'vue'
import type { ChartFigure } from '@/components/editor/chartFigure'
import { loadPlotly } from './plotlyLoader'

/** How every chart of the app is drawn. */
export const PLOT_CONFIG = { responsive: true, displaylogo: false } as const

export interface PlotlyCharts {
  /** Draws a figure into an element; resolves when Plotly has rendered it. */
  render: (element: HTMLElement, figure: ChartFigure) => Promise<void>
  /** Frees one element's chart. */
  purge: (element: HTMLElement) => void
  /** Frees every chart drawn through this instance (also done on unmount). */
  purgeAll: () => void
}

/**
 * Draws Plotly charts, loading Plotly on the first one (never when no chart is shown) and purging
 * them when the component unmounts.
 */
export function usePlotly(): PlotlyCharts {
  const drawn = new Set<HTMLElement>()
  let plotly: Awaited<ReturnType<typeof loadPlotly>> | null = null

  async function render(element: HTMLElement, figure: ChartFigure): Promise<void> {
    plotly ??= await loadPlotly()
    if (drawn.has(element)) {
      plotly.purge(element)
    }
    drawn.add(element)
    await plotly.newPlot(element, figure.data, figure.layout ?? {}, { ...PLOT_CONFIG })
    if (Array.isArray(figure.frames) && figure.frames.length > 0) {
      await plotly.addFrames(element, figure.frames)
    }
  }

  function purge(element: HTMLElement): void {
    if (drawn.delete(element)) {
      plotly?.purge(element)
    }
  }

  function purgeAll(): void {
    for (const element of [...drawn]) {
      purge(element)
    }
  }

  if (getCurrentInstance()) {
    onBeforeUnmount(purgeAll)
  }

  return { render, purge, purgeAll }
}
