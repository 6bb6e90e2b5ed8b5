import type { Role, User } from './auth'

export type AdminUserSortField = 'username' | 'displayName' | 'createdAt'

/** `username` ascending, `-username` descending, and so on. */
export type AdminUserSort = AdminUserSortField | `-${AdminUserSortField}`

/** Query parameters of `GET /api/v1/admin/users` (page is 0-based). */
export interface AdminUserListParams {
  q?: string
  role?: Role
  /** `YYYY-MM-DD` */
  createdAfter?: string
  /** `YYYY-MM-DD` */
  createdBefore?: string
  sort: AdminUserSort
  page: number
  size: number
}

export interface AdminUserPage {
  items: User[]
  total: number
  page: number
  size: number
}

export interface AdminNewUser {
  username: string
  displayName: string
  email?: string
  roles: Role[]
  password: string
}

export interface AdminUserChanges {
  displayName?: string
  email?: string | null
  roles?: Role[]
  disabled?: boolean
}

export interface BulkItemResult {
  id: string
  ok: boolean
  status: number
  code?: string
  detail?: string
}

export interface BulkResult {
  results: BulkItemResult[]
}
