import { getActivePinia, getStores, type Pinia } from 'pinia'

/** The session's own store; every other store holds what the signed-in user loaded. */
const SESSION_STORE_ID = 'auth'

/**
 * Forgets everything the previous user loaded (tokens, cards, search results, the dashboard, admin
 * lists…) when the session ends or another user signs in: every store in use but the session's is
 * reset. Each of these setup stores has its own `$reset`, which also drops answers still on their way.
 */
export function resetUserData(pinia: Pinia | undefined = getActivePinia()): void {
  if (!pinia) return
  for (const store of getStores(pinia)) {
    if (store.$id !== SESSION_STORE_ID) {
      store.$reset()
    }
  }
}
