import type { BulkDeleteResult } from '@/api/cards'
import { countOf } from '@/components/shell/countOf'

/** "Deleted 3 cards; 1 failed: …" from the per-card results of a bulk action. */
export function bulkCardsSummary(
  verb: string,
  results: { id: string; ok: boolean; detail?: string }[],
  titles: Map<string, string>,
): { message: string; failed: boolean } {
  const done = results.filter((result) => result.ok).length
  const failures = results.filter((result) => !result.ok)
  let message = `${verb} ${countOf(done, 'card')}`
  if (failures.length) {
    const reasons = failures
      .map((failure) => `${titles.get(failure.id) ?? failure.id}: ${failure.detail ?? 'failed'}`)
      .join('; ')
    message += `; ${failures.length} failed — ${reasons}`
  }
  return { message, failed: failures.length > 0 }
}

/** A bulk delete's answer in the shape of the summary. */
export function deleteOutcomes(results: BulkDeleteResult[]) {
  return results.map((result) => ({
    id: result.id,
    ok: result.status === 204,
    detail: result.detail ?? (result.status === 404 ? 'not found' : undefined),
  }))
}
