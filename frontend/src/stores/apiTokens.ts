import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { createApiToken, fetchApiTokens, revokeApiToken } from '@/api/auth'
import { ProblemError, toProblemError } from '@/api/problem'
import type { ApiToken, CreatedApiToken, NewApiToken } from '@/types/auth'

/** The signed-in user's personal API tokens. */
export const useApiTokensStore = defineStore('apiTokens', () => {
  const tokens = ref<ApiToken[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ProblemError | null>(null)

  const isEmpty = computed(() => loaded.value && tokens.value.length === 0)
  /** Counts resets: an answer to a request made before the last one is dropped. */
  let generation = 0

  async function load(): Promise<void> {
    const own = generation
    loading.value = true
    error.value = null
    try {
      const answer = await fetchApiTokens()
      if (own === generation) {
        tokens.value = answer
        loaded.value = true
      }
    } catch (caught) {
      if (own === generation) {
        error.value = toProblemError(caught)
      }
    } finally {
      if (own === generation) {
        loading.value = false
      }
    }
  }

  /** Creates a token; the answer holds the secret, which the server never shows again. Throws a ProblemError. */
  async function create(token: NewApiToken): Promise<CreatedApiToken> {
    try {
      const created = await createApiToken(token)
      const { token: _secret, ...listed } = created
      tokens.value = [...tokens.value, listed]
      return created
    } catch (caught) {
      throw toProblemError(caught)
    }
  }

  /** Revokes a token. Throws a ProblemError. */
  async function revoke(id: string): Promise<void> {
    try {
      await revokeApiToken(id)
      tokens.value = tokens.value.filter((token) => token.id !== id)
    } catch (caught) {
      throw toProblemError(caught)
    }
  }

  /** Forgets the tokens (signed out, or another user signed in). */
  function $reset(): void {
    generation++
    tokens.value = []
    loading.value = false
    loaded.value = false
    error.value = null
  }

  return { tokens, loading, loaded, error, isEmpty, load, create, revoke, $reset }
})
