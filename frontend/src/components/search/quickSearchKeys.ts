/** Keyboard rules of the quick search: the shortcut that opens it and the keys inside it. */

/** Whether the key press happened where the user types text (then `/` is just a slash). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) {
    return false
  }
  if (target instanceof HTMLElement && target.isContentEditable) {
    return true
  }
  return (
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[contenteditable]:not([contenteditable="false"])') !== null
  )
}

type ShortcutEvent = Pick<
  KeyboardEvent,
  | 'key'
  | 'ctrlKey'
  | 'metaKey'
  | 'altKey'
  | 'shiftKey'
  | 'target'
  | 'defaultPrevented'
  | 'isComposing'
>

/** `/`, Ctrl+K or Cmd+K, anywhere but in a text field. */
export function isQuickSearchShortcut(event: ShortcutEvent): boolean {
  if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) {
    return false
  }
  if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey) {
    return true
  }
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k'
}

export type QuickSearchAction =
  | { type: 'move'; index: number }
  | { type: 'open'; index: number }
  | { type: 'search' }
  | { type: 'close' }
  | null

/**
 * What a key does in the quick search box, given the highlighted option (-1 for none) and how many
 * options there are: arrows move (wrapping around), Enter opens the highlighted option or searches
 * the text, Escape closes. Other keys type.
 */
export function quickSearchAction(key: string, active: number, count: number): QuickSearchAction {
  switch (key) {
    case 'ArrowDown':
      return count > 0 ? { type: 'move', index: active + 1 >= count ? 0 : active + 1 } : null
    case 'ArrowUp':
      return count > 0 ? { type: 'move', index: active <= 0 ? count - 1 : active - 1 } : null
    case 'Home':
      return count > 0 && active >= 0 ? { type: 'move', index: 0 } : null
    case 'End':
      return count > 0 && active >= 0 ? { type: 'move', index: count - 1 } : null
    case 'Enter':
      return active >= 0 && active < count ? { type: 'open', index: active } : { type: 'search' }
    case 'Escape':
      return { type: 'close' }
    default:
      return null
  }
}
