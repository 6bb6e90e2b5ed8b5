import type { OwnerChangeResult } from '@/api/cards'
import type { ProblemError } from '@/api/problem'
import { countOf } from '@/components/shell/countOf'
import type { User } from '@/types/auth'
import type { CardSummary } from '@/types/cards'

/** A user the cards can go to, as the owner picker lists them. */
export interface OwnerOption {
  value: string
  label: string
  username: string
  displayName: string
}

/** Users who can receive cards: disabled ones cannot sign in, so the server refuses them. */
export function ownerOptions(users: User[]): OwnerOption[] {
  return users
    .filter((user) => !user.disabled)
    .map((user) => ({
      value: user.id,
      label: `${user.displayName} (${user.username})`,
      username: user.username,
      displayName: user.displayName,
    }))
}

/** What the confirmation says: how many cards change hands, to whom, and what goes with them. */
export function ownerChangeMessage(selected: CardSummary[], owner: OwnerOption): string {
  const theirs = selected.filter((card) => card.owner.id === owner.value).length
  const moving = selected.length - theirs
  const one = moving === 1
  if (moving === 0) {
    return `All ${countOf(selected.length, 'selected card')} are ${owner.username}'s already.`
  }
  const already = theirs ? ` (${theirs} of the selected are theirs already)` : ''
  return (
    `${countOf(moving, 'card')} will belong to ${owner.displayName} (${owner.username})${already}: ` +
    `${one ? 'its' : 'their'} demo apps go with ${one ? 'it' : 'them'}, ` +
    `${owner.username} leaves ${one ? 'its' : 'their'} share lists, and ${one ? 'its' : 'their'} ` +
    `address${one ? ' changes' : 'es change'} to /models/${owner.username}/….`
  )
}

/** One card's answer in the shape of the bulk summary (`bulkCardsSummary`). */
export function ownerOutcome(result: OwnerChangeResult): {
  id: string
  ok: boolean
  detail?: string
} {
  if (result.status === 200) {
    return { id: result.id, ok: true }
  }
  return {
    id: result.id,
    ok: false,
    detail:
      result.status === 412
        ? 'changed meanwhile, reload and retry'
        : (result.detail ?? result.code ?? `HTTP ${result.status}`),
  }
}

/**
 * Why no card can go to this owner, when the server refused the owner itself (disabled or deleted
 * meanwhile): every other card would be refused the same way, so the hand-over stops. Null when the
 * refusal is about one card only.
 */
export function ownerRefusal(problem: ProblemError, username: string): string | null {
  const error = problem.errors.find((item) => item.pointer === '/owner')
  return problem.status === 422 && error ? `${username} ${error.detail}.` : null
}

/** Admin → Cards filtered to one owner's cards: where a refused user deletion leads. */
export function cardsOfOwnerLink(username: string): { path: string; query: { owner: string } } {
  return { path: '/admin/cards', query: { owner: username } }
}

/**
 * The first of the users whose deletion was refused because they still own cards or apps, if
 * any: Admin → Users then offers to hand their cards over. `names` maps ids to usernames.
 */
export function ownerOfRefusedDeletion(
  results: { id: string; ok: boolean; code?: string }[],
  names: Map<string, string>,
): string | null {
  const refused = results.find((item) => !item.ok && item.code === OWNS_CONTENT)
  return refused ? (names.get(refused.id) ?? null) : null
}

/** The code of a deletion refused while the user owns cards or apps. */
export const OWNS_CONTENT = 'USER_OWNS_CONTENT'
