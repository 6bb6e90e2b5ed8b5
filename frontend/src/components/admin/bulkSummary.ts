import type { BulkResult } from '@/types/admin'

/**
 * One line about a bulk action, e.g. "3 deleted, 1 failed: bob: You cannot delete yourself.".
 * `names` maps ids to usernames so failures say whom they are about.
 */
export function bulkSummary(result: BulkResult, verb: string, names: Map<string, string>): string {
  const failed = result.results.filter((item) => !item.ok)
  const succeeded = result.results.length - failed.length
  const summary = `${succeeded} ${verb}`
  if (failed.length === 0) {
    return summary
  }
  const reasons = failed
    .map(
      (item) =>
        `${names.get(item.id) ?? item.id}: ${item.detail ?? item.code ?? `HTTP ${item.status}`}`,
    )
    .join('; ')
  return `${summary}, ${failed.length} failed: ${reasons}`
}
