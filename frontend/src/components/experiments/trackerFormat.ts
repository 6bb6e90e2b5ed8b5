/** Formatting of tracker values for the Experiment tab. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

/** A size in bytes for people: `1.5 MB` (1000-based, as trackers usually show). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
    return '—'
  }
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`
}

/** A metric or parameter value as text. */
export function formatValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) {
    return '—'
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)))
  }
  return String(value)
}

const STATUS_COLORS: Record<string, string> = {
  created: 'grey-7',
  queued: 'blue-grey',
  running: 'primary',
  completed: 'positive',
  published: 'positive',
  failed: 'negative',
  stopped: 'warning',
}

export function statusColor(status: string): string {
  return STATUS_COLORS[status] ?? 'grey-7'
}
