import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/** The audit log's filters as the address holds them; times as the datetime inputs give them. */
export interface AuditFilters {
  actor?: string
  action?: string
  target?: string
  /** Local date and time, `2026-11-28T10:00` (the browser's time zone). */
  from?: string
  to?: string
}

const KEYS = ['actor', 'action', 'target', 'from', 'to'] as const

export function auditQueryFromRoute(query: LocationQuery): AuditFilters {
  const filters: AuditFilters = {}
  for (const key of KEYS) {
    const value = query[key]
    const text = Array.isArray(value) ? value[0] : value
    if (typeof text === 'string' && text.trim()) {
      filters[key] = text.trim()
    }
  }
  return filters
}

export function routeQueryFromAudit(filters: AuditFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const key of KEYS) {
    const value = filters[key]?.trim()
    if (value) query[key] = value
  }
  return query
}

/** A local date-time input as the UTC instant the API expects; unparsable text is passed on (400). */
export function toInstant(local: string | undefined): string | undefined {
  if (!local) return undefined
  const date = new Date(local)
  return Number.isNaN(date.getTime()) ? local : date.toISOString()
}
