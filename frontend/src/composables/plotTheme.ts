/**
 * Chart colours for the dark theme. A figure comes from its author (or a tracker) drawn for a white
 * page: on the dark theme Plotly's white paper would be a bright box and its dark text unreadable.
 * Only what the figure leaves unset is filled in, so a figure that chose its own colours keeps them.
 */
type Layout = Record<string, unknown>

const DARK_TEXT = '#e0e0e0'
const DARK_GRID = 'rgba(255, 255, 255, 0.15)'
const DARK_LINE = 'rgba(255, 255, 255, 0.35)'
const AXIS = /^[xyz]axis\d*$/

function isObject(value: unknown): value is Layout {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `defaults` under `value`: what `value` sets wins. */
function withDefaults(value: unknown, defaults: Layout): Layout {
  return { ...defaults, ...(isObject(value) ? value : {}) }
}

/** The layout to draw a figure's `layout` with on the current theme. */
export function themedLayout(layout: Layout | undefined, dark: boolean): Layout {
  const own = layout ?? {}
  if (!dark) {
    return own
  }
  const themed: Layout = {
    paper_bgcolor: 'rgba(0, 0, 0, 0)',
    plot_bgcolor: 'rgba(0, 0, 0, 0)',
    ...own,
    font: withDefaults(own.font, { color: DARK_TEXT }),
  }
  const axes = new Set(['xaxis', 'yaxis', ...Object.keys(own).filter((key) => AXIS.test(key))])
  for (const axis of axes) {
    themed[axis] = withDefaults(own[axis], {
      gridcolor: DARK_GRID,
      zerolinecolor: DARK_LINE,
      linecolor: DARK_LINE,
    })
  }
  return themed
}
