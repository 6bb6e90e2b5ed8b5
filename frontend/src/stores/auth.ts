import { computed, ref } from 'vue'
import { defineStore, getActivePinia } from 'pinia'
import * as authApi from '@/api/auth'
import { ProblemError, toProblemError } from '@/api/problem'
import type { AuthConfig, LoginResponse, User } from '@/types/auth'
import { resetUserData } from './userData'

/** How the current session was made: our own login (refreshable by cookie) or an external provider. */
export type SessionMethod = 'password' | 'oidc'

const SIGNED_OUT_CONFIG: AuthConfig = { builtInLogin: true, oidc: null }

/** The Web Lock that the tabs of this browser take in turn to refresh the session. */
export const REFRESH_LOCK = 'aas-refresh'

/** How long `init` waits before asking once more when the server could not answer. */
export const INIT_RETRY_DELAY_MS = 1000

/**
 * Runs `task` while holding the refresh lock, shared by all tabs of this origin (Web Locks API).
 * Where the API is missing (an insecure context, an old browser), runs it at once: the tabs of such
 * a browser may still race, but each tab keeps sharing one request between its own callers.
 */
async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks as LockManager | undefined
  return locks ? await locks.request(REFRESH_LOCK, task) : await task()
}

/**
 * The signed-in user and the access token. The token lives in memory only; a reload gets a new one
 * through the HttpOnly refresh cookie (`init`). When the session ends or another user signs in,
 * the other stores forget what the previous user loaded.
 */
export const useAuthStore = defineStore('auth', () => {
  // The Pinia this store belongs to, whose other stores hold the user's data.
  const pinia = getActivePinia()
  const user = ref<User | null>(null)
  const accessToken = ref<string | null>(null)
  /** When the access token expires (epoch milliseconds). */
  const expiresAt = ref<number | null>(null)
  const method = ref<SessionMethod | null>(null)
  const config = ref<AuthConfig | null>(null)
  const loading = ref(false)
  const error = ref<ProblemError | null>(null)
  const initialized = ref(false)

  const isAuthenticated = computed(() => accessToken.value !== null && user.value !== null)
  const isAdmin = computed(() => user.value?.roles.includes('admin') ?? false)

  let refreshing: Promise<boolean> | null = null
  let initializing: Promise<void> | null = null

  /** Sets the signed-in user; a different one than before starts with nothing of the previous. */
  function setUser(next: User | null): void {
    const changed = (user.value?.id ?? null) !== (next?.id ?? null)
    user.value = next
    if (changed) {
      resetUserData(pinia)
    }
  }

  function applySession(session: LoginResponse): void {
    accessToken.value = session.accessToken
    expiresAt.value = Date.now() + session.expiresIn * 1000
    method.value = 'password'
    setUser(session.user)
  }

  function clearSession(): void {
    accessToken.value = null
    expiresAt.value = null
    method.value = null
    setUser(null)
  }

  async function loadConfig(): Promise<AuthConfig> {
    try {
      config.value = await authApi.fetchAuthConfig()
    } catch (caught) {
      error.value = toProblemError(caught)
      config.value ??= SIGNED_OUT_CONFIG
    }
    return config.value
  }

  /** Signs in with username and password; on failure `error` says why. */
  async function login(username: string, password: string): Promise<boolean> {
    loading.value = true
    error.value = null
    try {
      applySession(await authApi.login(username, password))
      return true
    } catch (caught) {
      error.value = toProblemError(caught)
      return false
    } finally {
      loading.value = false
    }
  }

  /**
   * Gets a new access token with the refresh cookie. Concurrent callers share one request, and the
   * tabs of this browser take turns (see `withRefreshLock`): the server rotates the cookie on each
   * refresh and ends the whole session when a spent one comes back, so two tabs must never send the
   * same cookie. Resolves `false` when the session is over (no CSRF cookie, or the server refused
   * with 401/403); rejects with the ProblemError when the server could not answer (network error,
   * 5xx), keeping the session as it is so that the user can try again. Sessions of an external
   * provider cannot be refreshed here: their users sign in again.
   */
  function refresh(): Promise<boolean> {
    if (method.value === 'oidc') {
      clearSession()
      return Promise.resolve(false)
    }
    refreshing ??= withRefreshLock(async () => {
      // Read under the lock: a tab that refreshed meanwhile has set a new CSRF cookie, or none.
      if (!authApi.hasSessionCookie()) {
        clearSession()
        return false
      }
      try {
        applySession(await authApi.refreshSession())
        return true
      } catch (caught) {
        const problem = toProblemError(caught)
        if (problem.status === 401 || problem.status === 403) {
          clearSession()
          return false
        }
        throw problem
      }
    }).finally(() => {
      refreshing = null
    })
    return refreshing
  }

  /**
   * Resumes the session at start. When the server cannot answer, tries once more after a moment;
   * if it still cannot, this page load goes on signed out, but nothing is cleared: the cookies
   * stay, and the next request that needs the session tries again.
   */
  async function resume(): Promise<void> {
    try {
      await refresh()
    } catch {
      await new Promise((resolve) => setTimeout(resolve, INIT_RETRY_DELAY_MS))
      try {
        await refresh()
      } catch {
        // Signed out for this load only; see above.
      }
    }
  }

  /** Once per app start: loads the sign-in options and tries to resume a session silently. */
  function init(): Promise<void> {
    initializing ??= (async () => {
      await Promise.all([loadConfig(), resume()])
      initialized.value = true
    })()
    return initializing
  }

  /** Ends the session on the server (when it is ours) and forgets it here in any case. */
  async function logout(): Promise<void> {
    const hadServerSession = method.value === 'password'
    clearSession()
    if (hadServerSession) {
      try {
        await authApi.logout()
      } catch {
        // The local session is gone either way; the refresh cookie expires on its own.
      }
    }
  }

  /** Uses an external provider's access token as our bearer token and loads who it belongs to. */
  async function signInWithProviderToken(token: string, expiresIn?: number): Promise<boolean> {
    loading.value = true
    error.value = null
    accessToken.value = token
    method.value = 'oidc'
    expiresAt.value = expiresIn ? Date.now() + expiresIn * 1000 : null
    try {
      setUser(await authApi.fetchMe())
      return true
    } catch (caught) {
      clearSession()
      error.value = toProblemError(caught)
      return false
    } finally {
      loading.value = false
    }
  }

  /**
   * Changes the own password; the answer is a new session (other sessions end, API tokens are
   * revoked). Throws a ProblemError.
   */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    try {
      applySession(await authApi.changePassword(currentPassword, newPassword))
    } catch (caught) {
      throw toProblemError(caught)
    }
  }

  return {
    user,
    accessToken,
    expiresAt,
    method,
    config,
    loading,
    error,
    initialized,
    isAuthenticated,
    isAdmin,
    loadConfig,
    login,
    refresh,
    init,
    logout,
    clearSession,
    signInWithProviderToken,
    changePassword,
  }
})
