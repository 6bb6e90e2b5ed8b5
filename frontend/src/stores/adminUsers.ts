import { ref } from 'vue'
import { defineStore } from 'pinia'
import * as adminApi from '@/api/adminUsers'
import { ProblemError, toProblemError } from '@/api/problem'
import { requestParamsFromView, type AdminUsersView } from '@/composables/useAdminUsersQuery'
import type { Role, User } from '@/types/auth'
import type { AdminNewUser, AdminUserChanges, BulkResult } from '@/types/admin'

async function orProblem<T>(request: Promise<T>): Promise<T> {
  try {
    return await request
  } catch (caught) {
    throw toProblemError(caught)
  }
}

/** User administration: one page of users at a time, as the Users page's view asks. */
export const useAdminUsersStore = defineStore('adminUsers', () => {
  const users = ref<User[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ProblemError | null>(null)
  let lastView: AdminUsersView | null = null
  let latestRequest = 0

  /** Loads the page of users for a view; answers to older requests are dropped. */
  async function load(view: AdminUsersView): Promise<void> {
    lastView = view
    const request = ++latestRequest
    loading.value = true
    error.value = null
    try {
      const page = await adminApi.fetchUsers(requestParamsFromView(view))
      if (request === latestRequest) {
        users.value = page.items
        total.value = page.total
        loaded.value = true
      }
    } catch (caught) {
      if (request === latestRequest) {
        error.value = toProblemError(caught)
      }
    } finally {
      if (request === latestRequest) {
        loading.value = false
      }
    }
  }

  async function reload(): Promise<void> {
    if (lastView) {
      await load(lastView)
    }
  }

  // Changes throw a ProblemError for the dialog that made them, and reload the list when they worked.

  async function create(user: AdminNewUser): Promise<User> {
    const created = await orProblem(adminApi.createUser(user))
    await reload()
    return created
  }

  async function update(id: string, changes: AdminUserChanges): Promise<User> {
    const updated = await orProblem(adminApi.updateUser(id, changes))
    users.value = users.value.map((user) => (user.id === id ? updated : user))
    return updated
  }

  async function resetPassword(id: string, password: string): Promise<void> {
    await orProblem(adminApi.resetUserPassword(id, password))
  }

  async function remove(id: string): Promise<void> {
    await orProblem(adminApi.deleteUser(id))
    await reload()
  }

  async function setRoles(ids: string[], roles: Role[]): Promise<BulkResult> {
    const result = await orProblem(adminApi.bulkSetRoles(ids, roles))
    await reload()
    return result
  }

  async function removeMany(ids: string[]): Promise<BulkResult> {
    const result = await orProblem(adminApi.bulkDeleteUsers(ids))
    await reload()
    return result
  }

  /** Forgets the user list (signed out, or another user signed in). */
  function $reset(): void {
    latestRequest++
    lastView = null
    users.value = []
    total.value = 0
    loading.value = false
    loaded.value = false
    error.value = null
  }

  return {
    $reset,
    users,
    total,
    loading,
    loaded,
    error,
    load,
    reload,
    create,
    update,
    resetPassword,
    remove,
    setRoles,
    removeMany,
  }
})
