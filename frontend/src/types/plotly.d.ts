/** The part of Plotly's API the app uses (plotly.js-dist-min ships no types). */
declare module 'plotly.js-dist-min' {
  export interface PlotlyApi {
    newPlot(
      root: HTMLElement,
      data: unknown[],
      layout?: Record<string, unknown>,
      config?: Record<string, unknown>,
    ): Promise<HTMLElement>
    addFrames(root: HTMLElement, frames: unknown[]): Promise<unknown>
    purge(root: HTMLElement): void
  }
  const Plotly: PlotlyApi
  export default Plotly
}
