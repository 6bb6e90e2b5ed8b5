import type { PlotlyApi } from 'plotly.js-dist-min'

/**
 * A hand-written stand-in for `@/composables/plotlyLoader` (specs `vi.mock` that module with this
 * one): counts how often Plotly was asked for and records what was drawn and purged.
 */
export const plotlyCalls = {
  loads: 0,
  newPlot: [] as { element: HTMLElement; data: unknown[]; layout: unknown; config: unknown }[],
  purged: [] as HTMLElement[],
}

export function resetFakePlotly(): void {
  plotlyCalls.loads = 0
  plotlyCalls.newPlot = []
  plotlyCalls.purged = []
}

const fakePlotly: PlotlyApi = {
  async newPlot(element, data, layout, config) {
    plotlyCalls.newPlot.push({ element, data, layout, config })
    element.innerHTML = '<div class="plot-container"></div>'
    return element
  },
  async addFrames() {
    return undefined
  },
  purge(element) {
    plotlyCalls.purged.push(element)
  },
}

export async function loadPlotly(): Promise<PlotlyApi> {
  plotlyCalls.loads += 1
  return fakePlotly
}
