/**
 * Plotly figures of chart nodes, checked with the server's rules: a JSON object with a `data`
 * array, an optional `layout` object and `frames` array, no string containing `<` or `>`, at most
 * 512 KiB and 32 levels deep.
 */

export const FIGURE_MAX_CHARS = 512 * 1024
export const FIGURE_MAX_DEPTH = 32
const TOP_LEVEL = ['data', 'layout', 'frames']

export interface ChartFigure {
  data: unknown[]
  layout?: Record<string, unknown>
  frames?: unknown[]
}

export type FigureCheck = { figure: ChartFigure; json: string } | { error: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function pathOf(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key
}

/** The first place that breaks the string or depth rule, or null. */
function findProblem(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') {
    return /[<>]/.test(value) ? `Text must not contain < or > (at ${path || 'the top'})` : null
  }
  if (value === null || typeof value !== 'object') {
    return null
  }
  if (depth > FIGURE_MAX_DEPTH) {
    return `The figure is nested more than ${FIGURE_MAX_DEPTH} levels deep`
  }
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value)
  for (const [key, item] of entries) {
    if (typeof key === 'string' && /[<>]/.test(key)) {
      return `Names must not contain < or > (at ${pathOf(path, key)})`
    }
    const problem = findProblem(item, pathOf(path, key), depth + 1)
    if (problem) {
      return problem
    }
  }
  return null
}

const EXTRA = /<extra>[\s\S]*?<\/extra>/gi
const BREAK = /<br\s*\/?>/gi
/** What Plotly takes for a tag: anything from `<` to the next `>`, no bracket between. */
const TAG = /<[^<>]*>/g

/**
 * Plotly's markup made plain, as the server does with tracker figures: a line break becomes a
 * space, the `<extra>` box goes, other tags go and keep their text, a lone `<` or `>` becomes the
 * entity Plotly shows as the character.
 */
export function plainText(text: string): string {
  if (!/[<>]/.test(text)) {
    return text
  }
  return text
    .replace(EXTRA, '')
    .replace(BREAK, ' ')
    .replace(TAG, '')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

function plainValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return plainText(value)
  }
  if (Array.isArray(value)) {
    return value.map(plainValue)
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainValue(item)]))
  }
  return value
}

/**
 * The figure text with its strings made plain, indented, when that is all that keeps it from
 * being accepted (a figure pasted from plotly.express: `x=%{x}<br>y=%{y}<extra></extra>`); null
 * otherwise.
 */
export function plainFigureText(text: string): string | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return null
  }
  const plain = plainValue(value)
  return 'figure' in checkChartValue(plain) && 'error' in checkChartValue(value)
    ? JSON.stringify(plain, null, 2)
    : null
}

/** Checks figure JSON as typed; on success also answers the compact JSON for `data-figure`. */
export function checkChartFigure(text: string): FigureCheck {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (caught) {
    return { error: `Not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}` }
  }
  return checkChartValue(value)
}

/** Checks a parsed figure value. */
export function checkChartValue(value: unknown): FigureCheck {
  if (!isObject(value)) {
    return { error: 'The figure must be a JSON object such as {"data": [...], "layout": {...}}' }
  }
  if (!Array.isArray(value.data)) {
    return { error: 'The figure needs a "data" array' }
  }
  if ('layout' in value && !isObject(value.layout)) {
    return { error: '"layout" must be an object' }
  }
  if ('frames' in value && !Array.isArray(value.frames)) {
    return { error: '"frames" must be an array' }
  }
  const unknown = Object.keys(value).filter((key) => !TOP_LEVEL.includes(key))
  if (unknown.length > 0) {
    return { error: `Only data, layout and frames are allowed, not ${unknown.join(', ')}` }
  }
  const problem = findProblem(value, '', 1)
  if (problem) {
    return { error: problem }
  }
  const json = JSON.stringify(value)
  if (json.length > FIGURE_MAX_CHARS) {
    return { error: `The figure is larger than ${FIGURE_MAX_CHARS / 1024} KiB` }
  }
  return { figure: value as unknown as ChartFigure, json }
}

/**
 * A figure from the `data-figure` attribute of a stored document (the server checked it), or null
 * when it is missing or not a figure at all.
 */
export function parseFigureAttribute(value: string | null | undefined): ChartFigure | null {
  if (!value) {
    return null
  }
  try {
    const parsed: unknown = JSON.parse(value)
    return isObject(parsed) && Array.isArray(parsed.data)
      ? (parsed as unknown as ChartFigure)
      : null
  } catch {
    return null
  }
}

/** A small example to start from in the chart dialog. */
export const EXAMPLE_FIGURE: ChartFigure = {
  data: [{ type: 'bar', x: ['Precision', 'Recall', 'F1'], y: [0.91, 0.87, 0.89] }],
  layout: { title: { text: 'Validation metrics' }, yaxis: { range: [0, 1] } },
}
