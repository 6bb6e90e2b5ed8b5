import { describe, expect, it } from 'vitest'
import { ProblemError } from '@/api/problem'
import type { User } from '@/types/auth'
import type { CardSummary } from '@/types/cards'
import {
  cardsOfOwnerLink,
  ownerChangeMessage,
  ownerOfRefusedDeletion,
  ownerOptions,
  ownerOutcome,
  ownerRefusal,
  type OwnerOption,
} from './cardsOwner'

function user(id: string, disabled = false): User {
  return {
    id,
    username: id,
    displayName: `Name ${id}`,
    email: null,
    roles: ['user'],
    disabled,
    external: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  }
}

function card(id: string, ownerId: string): CardSummary {
  return {
    id,
    slug: id,
    owner: { id: ownerId, username: ownerId, displayName: ownerId },
    title: id,
    task: '',
    tags: [],
    frameworks: [],
    description: '',
    visibility: 'public',
    demo: { type: 'none' },
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
  }
}

const bob: OwnerOption = { value: 'bob', label: 'Bob (bob)', username: 'bob', displayName: 'Bob B' }

describe('ownerOptions', () => {
  it('offers enabled users only, named and with their username', () => {
    expect(ownerOptions([user('alice'), user('gone', true)])).toEqual([
      { value: 'alice', label: 'Name alice (alice)', username: 'alice', displayName: 'Name alice' },
    ])
  })
})

describe('ownerChangeMessage', () => {
  it('says how many cards go to whom and what goes with them', () => {
    expect(ownerChangeMessage([card('a', 'alice'), card('b', 'alice')], bob)).toBe(
      '2 cards will belong to Bob B (bob): their demo apps go with them, bob leaves their share' +
        ' lists, and their addresses change to /models/bob/….',
    )
  })

  it('counts cards the new owner has already apart', () => {
    expect(ownerChangeMessage([card('a', 'alice'), card('b', 'bob')], bob)).toBe(
      '1 card will belong to Bob B (bob) (1 of the selected are theirs already): its demo apps go' +
        ' with it, bob leaves its share lists, and its address changes to /models/bob/….',
    )
    expect(ownerChangeMessage([card('b', 'bob')], bob)).toBe(
      "All 1 selected card are bob's already.",
    )
  })
})

describe('ownerOutcome', () => {
  it('turns each answer into an outcome, a stale card into advice', () => {
    expect(ownerOutcome({ id: 'a', status: 200, owner: 'bob', slug: 'a', version: 4 })).toEqual({
      id: 'a',
      ok: true,
    })
    expect(ownerOutcome({ id: 'b', status: 412, code: 'STALE_CARD', detail: 'x' })).toEqual({
      id: 'b',
      ok: false,
      detail: 'changed meanwhile, reload and retry',
    })
    expect(
      ownerOutcome({ id: 'c', status: 409, code: 'APP_QUOTA_EXCEEDED', detail: 'bob has 3 of 3' }),
    ).toEqual({ id: 'c', ok: false, detail: 'bob has 3 of 3' })
  })
})

describe('ownerRefusal', () => {
  it('stops the hand-over when the owner is refused, not when one card is', () => {
    const disabled = new ProblemError({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: [
        { pointer: '/owner', detail: 'is disabled: hand the cards to a user who can sign in' },
      ],
    })
    const unknownCard = new ProblemError({
      type: 'about:blank',
      title: 'Unprocessable Content',
      status: 422,
      errors: [{ pointer: '/cards/0/id', detail: 'is not a card' }],
    })

    expect(ownerRefusal(disabled, 'bob')).toBe(
      'bob is disabled: hand the cards to a user who can sign in.',
    )
    expect(ownerRefusal(unknownCard, 'bob')).toBeNull()
  })
})

describe('a refused user deletion', () => {
  it('names the first user who still owns content and leads to their cards', () => {
    const names = new Map([
      ['u1', 'ann'],
      ['u2', 'ben'],
    ])
    expect(
      ownerOfRefusedDeletion(
        [
          { id: 'u1', ok: false, code: 'SELF_CHANGE' },
          { id: 'u2', ok: false, code: 'USER_OWNS_CONTENT' },
        ],
        names,
      ),
    ).toBe('ben')
    expect(ownerOfRefusedDeletion([{ id: 'u1', ok: true }], names)).toBeNull()
    expect(cardsOfOwnerLink('ben')).toEqual({ path: '/admin/cards', query: { owner: 'ben' } })
  })
})
