/** JSON merge patches (RFC 7386): what to send so that `source` becomes `target`. */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Deep equality of JSON values; `undefined` members count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]))
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((key) => jsonEqual(a[key], b[key]))
  }
  return false
}

/**
 * The merge patch from `source` to `target`: changed members with their new value, nested objects
 * patched member by member, removed members as null, arrays and scalars replaced whole.
 */
export function createMergePatch(
  source: Record<string, unknown>,
  target: Record<string, unknown>,
): Record<string, Json> {
  const patch: Record<string, Json> = {}
  for (const key of Object.keys(source)) {
    if (source[key] !== undefined && target[key] === undefined) {
      patch[key] = null
    }
  }
  for (const [key, value] of Object.entries(target)) {
    if (value === undefined || jsonEqual(source[key], value)) {
      continue
    }
    const before = source[key]
    patch[key] =
      isObject(before) && isObject(value)
        ? createMergePatch(before, value)
        : (JSON.parse(JSON.stringify(value)) as Json)
  }
  return patch
}
