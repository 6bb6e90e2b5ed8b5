import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from 'vue'
import { Dark, LocalStorage, Quasar } from 'quasar'
import {
  applyDarkModePreference,
  DARK_MODE_STORAGE_KEY,
  readDarkModePreference,
  useDarkMode,
} from './useDarkMode'

/** jsdom has no matchMedia; Quasar's 'auto' mode asks it for prefers-color-scheme. */
function fakeOperatingSystemTheme(prefersDark: boolean): void {
  window.matchMedia = (query: string) =>
    ({
      matches: prefersDark && query.includes('dark'),
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList
}

function startApp(): void {
  createApp({ render: () => null }).use(Quasar, { plugins: { Dark, LocalStorage } })
  applyDarkModePreference()
}

describe('useDarkMode', () => {
  beforeEach(() => {
    localStorage.clear()
    fakeOperatingSystemTheme(false)
  })

  afterEach(() => {
    Dark.set(false)
    localStorage.clear()
  })

  it('follows the operating system while the user has not chosen', () => {
    fakeOperatingSystemTheme(true)

    startApp()

    expect(readDarkModePreference()).toBe('auto')
    expect(useDarkMode().isDark.value).toBe(true)
  })

  it('toggles dark mode on and marks the body for Quasar', () => {
    startApp()
    const { isDark, toggle } = useDarkMode()
    expect(isDark.value).toBe(false)

    toggle()

    expect(isDark.value).toBe(true)
    expect(document.body.classList.contains('body--dark')).toBe(true)
  })

  it('saves every change under aiappstore.dark', () => {
    startApp()
    const { toggle } = useDarkMode()

    toggle()
    expect(LocalStorage.getItem(DARK_MODE_STORAGE_KEY)).toBe(true)

    toggle()
    expect(LocalStorage.getItem(DARK_MODE_STORAGE_KEY)).toBe(false)
    expect(document.body.classList.contains('body--dark')).toBe(false)
  })

  it('applies the saved choice on startup', () => {
    LocalStorage.setItem(DARK_MODE_STORAGE_KEY, true)

    startApp()

    expect(readDarkModePreference()).toBe(true)
    expect(useDarkMode().isDark.value).toBe(true)
    expect(document.body.classList.contains('body--dark')).toBe(true)
  })

  it('ignores a stored value that is not a boolean', () => {
    localStorage.setItem(DARK_MODE_STORAGE_KEY, 'banana')

    expect(readDarkModePreference()).toBe('auto')
  })
})
