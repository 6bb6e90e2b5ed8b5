/** A date-time from the API in the user's locale; unparsable values are shown as they are. */
export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  if (!value) {
    return empty
  }
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString()
}
