import { watch } from 'vue'
import type { Router } from 'vue-router'
import { Notify } from 'quasar'
import { apiClient, installAuth } from '@/api/client'
import type { useAuthStore } from '@/stores/auth'

type AuthStore = ReturnType<typeof useAuthStore>

/** The longest delay setTimeout keeps (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

/**
 * Calls `action` at `at` (epoch milliseconds), re-arming in steps setTimeout can keep. Returns what
 * cancels it.
 */
export function callAt(at: number, action: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const arm = (): void => {
    const left = Math.max(0, at - Date.now())
    timer = setTimeout(left > MAX_TIMER_DELAY_MS ? arm : action, Math.min(left, MAX_TIMER_DELAY_MS))
  }
  arm()
  return () => clearTimeout(timer)
}

/** Forgets the session and asks to sign in, coming back to the current page afterwards. */
export function sendToSignIn(auth: AuthStore, router: Router, message: string): void {
  auth.clearSession()
  const current = router.currentRoute.value
  if (current.name === 'sign-in') {
    return
  }
  Notify.create({ type: 'warning', message })
  void router.push({ name: 'sign-in', query: { redirect: current.fullPath } })
}

/**
 * Connects the API client to the auth store (bearer token, silent refresh on 401) and sends the user
 * to sign in when the session ends. Lives here so that the client and the store never import each other.
 */
export function installAuthSession(auth: AuthStore, router: Router): void {
  installAuth(apiClient, {
    accessToken: () => auth.accessToken,
    refresh: () => auth.refresh(),
    sessionExpired: () =>
      sendToSignIn(auth, router, 'Your session has ended. Please sign in again.'),
  })

  // Tokens of an external provider are not refreshed: when one expires, sign in again.
  let cancelExpiry: (() => void) | undefined
  watch(
    () => [auth.method, auth.expiresAt] as const,
    ([method, expiresAt]) => {
      cancelExpiry?.()
      cancelExpiry = undefined
      if (method === 'oidc' && expiresAt !== null) {
        cancelExpiry = callAt(expiresAt, () =>
          sendToSignIn(auth, router, 'Your sign-in has expired. Please sign in again.'),
        )
      }
    },
  )
}
