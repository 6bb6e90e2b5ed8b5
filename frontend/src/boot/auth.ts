import { watch } from 'vue'
import type { Router } from 'vue-router'
import { Notify } from 'quasar'
import { apiClient, installAuth } from '@/api/client'
import type { useAuthStore } from '@/stores/auth'

type AuthStore = ReturnType<typeof useAuthStore>

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
  let expiryTimer: ReturnType<typeof setTimeout> | undefined
  watch(
    () => [auth.method, auth.expiresAt] as const,
    ([method, expiresAt]) => {
      clearTimeout(expiryTimer)
      if (method === 'oidc' && expiresAt !== null) {
        expiryTimer = setTimeout(
          () => sendToSignIn(auth, router, 'Your sign-in has expired. Please sign in again.'),
          Math.max(0, expiresAt - Date.now()),
        )
      }
    },
  )
}
