import type { PlotlyApi } from 'plotly.js-dist-min'

export type { PlotlyApi }

/**
 * Plotly is most of the bundle: it is imported here, dynamically, and only when a chart is about
 * to be shown, so it lands in a chunk of its own. Specs replace this module with a fake.
 */
export async function loadPlotly(): Promise<PlotlyApi> {
  const module = (await import('plotly.js-dist-min')) as unknown as {
    default?: PlotlyApi
  } & PlotlyApi
  return module.default ?? module
}
