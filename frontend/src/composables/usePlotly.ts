import { getCurrentInstance, onBeforeUnmount, watch } from 'vue'
import { Dark } from 'quasar'
import type { ChartFigure } from '@/components/editor/chartFigure'
import { loadPlotly } from './plotlyLoader'
import { themedLayout } from './plotTheme'

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
 * Draws Plotly charts in the colours of the current theme, loading Plotly on the first one (never
 * when no chart is shown), drawing them again when the theme changes and purging them when the
 * component unmounts.
 */
export function usePlotly(): PlotlyCharts {
  const drawn = new Map<HTMLElement, ChartFigure>()
  let plotly: Awaited<ReturnType<typeof loadPlotly>> | null = null

  async function render(element: HTMLElement, figure: ChartFigure): Promise<void> {
    plotly ??= await loadPlotly()
    if (drawn.has(element)) {
      plotly.purge(element)
    }
    drawn.set(element, figure)
    const layout = themedLayout(figure.layout, Dark.isActive)
    await plotly.newPlot(element, figure.data, layout, { ...PLOT_CONFIG })
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
    for (const element of [...drawn.keys()]) {
      purge(element)
    }
  }

  if (getCurrentInstance()) {
    const stopThemeWatch = watch(
      () => Dark.isActive,
      () => {
        for (const [element, figure] of [...drawn]) {
          void render(element, figure)
        }
      },
    )
    onBeforeUnmount(() => {
      stopThemeWatch()
      purgeAll()
    })
  }

  return { render, purge, purgeAll }
}
