import { getCurrentInstance, onBeforeUnmount, onMounted, toValue, type MaybeRefOrGetter } from 'vue'
import { isQuickSearchShortcut } from '@/components/search/quickSearchKeys'

/**
 * Calls `open` when the user presses `/`, Ctrl+K or Cmd+K outside a text field, while `enabled`.
 * Listens on the window from mount to unmount.
 */
export function useQuickSearchShortcut(
  open: () => void,
  enabled: MaybeRefOrGetter<boolean> = true,
): (event: KeyboardEvent) => void {
  function onKeydown(event: KeyboardEvent): void {
    if (toValue(enabled) && isQuickSearchShortcut(event)) {
      event.preventDefault()
      open()
    }
  }
  if (getCurrentInstance()) {
    onMounted(() => window.addEventListener('keydown', onKeydown))
    onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
  }
  return onKeydown
}
