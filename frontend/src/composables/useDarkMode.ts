import { computed, type ComputedRef } from 'vue'
import { Dark, LocalStorage } from 'quasar'

export const DARK_MODE_STORAGE_KEY = 'aiappstore.dark'

/** `true`/`false` when the user chose; `'auto'` follows the operating system. */
export type DarkModePreference = boolean | 'auto'

/** The saved choice, or `'auto'` when there is none. */
export function readDarkModePreference(): DarkModePreference {
  const stored = LocalStorage.getItem(DARK_MODE_STORAGE_KEY)
  return typeof stored === 'boolean' ? stored : 'auto'
}

/** Applies the saved choice; called once at startup, after Quasar is installed. */
export function applyDarkModePreference(): void {
  Dark.set(readDarkModePreference())
}

export interface DarkMode {
  isDark: ComputedRef<boolean>
  setDark: (dark: boolean) => void
  toggle: () => void
}

/** Dark mode backed by Quasar's Dark plugin; every change is saved in localStorage. */
export function useDarkMode(): DarkMode {
  const isDark = computed(() => Dark.isActive)

  function setDark(dark: boolean): void {
    Dark.set(dark)
    LocalStorage.setItem(DARK_MODE_STORAGE_KEY, dark)
  }

  function toggle(): void {
    setDark(!Dark.isActive)
  }

  return { isDark, setDark, toggle }
}
