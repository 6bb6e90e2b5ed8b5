import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'

/** What the guard needs to know about the session (the auth store fits). */
export interface GuardSession {
  init: () => Promise<void>
  readonly isAuthenticated: boolean
  readonly isAdmin: boolean
}

/** A redirect target from the query string, accepted only when it is a path of this app. */
export function safeRedirect(value: unknown): string {
  const target = Array.isArray(value) ? value[0] : value
  return typeof target === 'string' && /^\/(?![/\\])/.test(target) ? target : '/'
}

/**
 * Decides whether a navigation may go on: signed-out users are sent to sign in (and brought back
 * afterwards), non-admins on admin pages see "Not allowed".
 */
export async function authGuard(
  to: RouteLocationNormalized,
  session: GuardSession,
): Promise<true | RouteLocationRaw> {
  await session.init()
  const requiresAdmin = to.matched.some((record) => record.meta.requiresAdmin)
  const requiresAuth = requiresAdmin || to.matched.some((record) => record.meta.requiresAuth)
  if (requiresAuth && !session.isAuthenticated) {
    return { name: 'sign-in', query: { redirect: to.fullPath } }
  }
  if (requiresAdmin && !session.isAdmin) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  if (to.meta.guestOnly && session.isAuthenticated) {
    return safeRedirect(to.query.redirect)
  }
  return true
}
