import type { Role } from '@/types/auth'

export const ROLE_OPTIONS: { label: string; value: Role }[] = [
  { label: 'User', value: 'user' },
  { label: 'Administrator', value: 'admin' },
]
