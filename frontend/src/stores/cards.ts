import { ref } from 'vue'
import { defineStore } from 'pinia'
import * as cardsApi from '@/api/cards'
import { ProblemError, toProblemError } from '@/api/problem'
import type {
  Card,
  CardInput,
  CardPatch,
  Revision,
  RevisionDetail,
  VersionedCard,
} from '@/types/cards'

/** HTTP 412: the card changed since it was read; nothing was written. */
export const STALE_STATUS = 412

export function isStaleProblem(error: unknown): boolean {
  return error instanceof ProblemError && error.status === STALE_STATUS
}

/**
 * The card being looked at or edited, with the ETag of the answer that carried it: every write
 * sends it as `If-Match`, and a 412 marks the card `stale` until it is loaded again.
 */
export const useCardsStore = defineStore('cards', () => {
  const card = ref<Card | null>(null)
  const etag = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<ProblemError | null>(null)
  /** A write was refused with 412: someone changed the card since it was read. */
  const stale = ref(false)

  const revisions = ref<Revision[]>([])
  const revisionsLoading = ref(false)
  const revisionsError = ref<ProblemError | null>(null)

  const tasks = ref<string[]>([])
  const tasksLoading = ref(false)

  let latestLoad = 0
  /** Tags revision requests: only the answer to the latest one, for the current card, is shown. */
  let latestRevisions = 0

  function apply(answer: VersionedCard): Card {
    card.value = answer.card
    // A write answer without an ETag still has the version the ETag is made of.
    etag.value = answer.etag ?? `"${answer.card.version}"`
    stale.value = false
    return answer.card
  }

  /** The current card's owner and slug; writes need a loaded card. */
  function current(): { owner: string; slug: string } {
    if (!card.value) {
      throw new ProblemError({
        type: 'about:blank',
        title: 'No card loaded',
        status: 0,
        code: 'CLIENT_ERROR',
        errors: [],
      })
    }
    return { owner: card.value.owner.username, slug: card.value.slug }
  }

  /** Runs a write; a 412 marks the card stale. Always throws a ProblemError. */
  async function write<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request()
    } catch (caught) {
      const problem = toProblemError(caught)
      if (problem.status === STALE_STATUS) {
        stale.value = true
      }
      throw problem
    }
  }

  /** Loads a card; a failure (404 for a missing or invisible card) is kept in `error`. */
  async function load(owner: string, slug: string): Promise<Card | null> {
    const request = ++latestLoad
    loading.value = true
    error.value = null
    if (card.value && (card.value.owner.username !== owner || card.value.slug !== slug)) {
      card.value = null
      etag.value = null
      forgetRevisions()
    }
    try {
      const answer = await cardsApi.fetchCard(owner, slug)
      if (request === latestLoad) {
        apply(answer)
      }
      return answer.card
    } catch (caught) {
      if (request === latestLoad) {
        error.value = toProblemError(caught)
        card.value = null
        etag.value = null
      }
      return null
    } finally {
      if (request === latestLoad) {
        loading.value = false
      }
    }
  }

  async function create(input: CardInput): Promise<Card> {
    return apply(await write(() => cardsApi.createCard(input)))
  }

  /** Applies a merge patch to the current card with `If-Match`. */
  async function update(patch: CardPatch): Promise<Card> {
    const { owner, slug } = current()
    return apply(await write(() => cardsApi.patchCard(owner, slug, patch, etag.value)))
  }

  /** Deletes the current card (with `If-Match`, so a changed card is not deleted unseen). */
  async function remove(): Promise<void> {
    const { owner, slug } = current()
    await write(() => cardsApi.deleteCard(owner, slug, etag.value))
    card.value = null
    etag.value = null
    revisions.value = []
  }

  /** Drops the history shown and any answer still on its way for it. */
  function forgetRevisions(): void {
    latestRevisions++
    revisions.value = []
    revisionsLoading.value = false
    revisionsError.value = null
  }

  /**
   * Loads the current card's history. An answer to an earlier request (for this card or the one
   * shown before) is dropped, so that another card's history never shows here.
   */
  async function loadRevisions(): Promise<void> {
    const { owner, slug } = current()
    const request = ++latestRevisions
    revisionsLoading.value = true
    revisionsError.value = null
    try {
      const answer = await cardsApi.fetchRevisions(owner, slug)
      if (request === latestRevisions) {
        revisions.value = answer
      }
    } catch (caught) {
      if (request === latestRevisions) {
        revisionsError.value = toProblemError(caught)
      }
    } finally {
      if (request === latestRevisions) {
        revisionsLoading.value = false
      }
    }
  }

  async function fetchRevision(number: number): Promise<RevisionDetail> {
    const { owner, slug } = current()
    try {
      return await cardsApi.fetchRevision(owner, slug, number)
    } catch (caught) {
      throw toProblemError(caught)
    }
  }

  /** Brings back revision `number` as a new revision (with `If-Match`). */
  async function restore(number: number): Promise<Card> {
    const { owner, slug } = current()
    return apply(await write(() => cardsApi.restoreRevision(owner, slug, number, etag.value)))
  }

  /** The task list, loaded once. */
  async function loadTasks(): Promise<string[]> {
    if (tasks.value.length > 0) {
      return tasks.value
    }
    tasksLoading.value = true
    try {
      tasks.value = await cardsApi.fetchTasks()
      return tasks.value
    } catch (caught) {
      throw toProblemError(caught)
    } finally {
      tasksLoading.value = false
    }
  }

  /** Forgets the card and its history (signed out, or another user signed in). */
  function $reset(): void {
    latestLoad++
    card.value = null
    etag.value = null
    loading.value = false
    error.value = null
    stale.value = false
    forgetRevisions()
  }

  return {
    $reset,
    card,
    etag,
    loading,
    error,
    stale,
    revisions,
    revisionsLoading,
    revisionsError,
    tasks,
    tasksLoading,
    load,
    create,
    update,
    remove,
    loadRevisions,
    fetchRevision,
    restore,
    loadTasks,
  }
})
