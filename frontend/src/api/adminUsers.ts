import type { AxiosInstance } from 'axios'
import type { Role, User } from '@/types/auth'
import type {
  AdminNewUser,
  AdminUserChanges,
  AdminUserListParams,
  AdminUserPage,
  BulkResult,
} from '@/types/admin'
import { apiClient } from './client'

const userPath = (id: string) => `/admin/users/${encodeURIComponent(id)}`

export async function fetchUsers(
  params: AdminUserListParams,
  client: AxiosInstance = apiClient,
): Promise<AdminUserPage> {
  return (await client.get<AdminUserPage>('/admin/users', { params })).data
}

export async function createUser(user: AdminNewUser, client = apiClient): Promise<User> {
  return (await client.post<User>('/admin/users', user)).data
}

export async function updateUser(
  id: string,
  changes: AdminUserChanges,
  client: AxiosInstance = apiClient,
): Promise<User> {
  return (await client.patch<User>(userPath(id), changes)).data
}

export async function resetUserPassword(
  id: string,
  password: string,
  client: AxiosInstance = apiClient,
): Promise<void> {
  await client.post(`${userPath(id)}/password`, { password })
}

export async function deleteUser(id: string, client: AxiosInstance = apiClient): Promise<void> {
  await client.delete(userPath(id))
}

export async function bulkSetRoles(
  ids: string[],
  roles: Role[],
  client: AxiosInstance = apiClient,
): Promise<BulkResult> {
  return (await client.post<BulkResult>('/admin/users/bulk-roles', { ids, roles })).data
}

export async function bulkDeleteUsers(
  ids: string[],
  client: AxiosInstance = apiClient,
): Promise<BulkResult> {
  return (await client.post<BulkResult>('/admin/users/bulk-delete', { ids })).data
}
