import { describe, expect, it } from 'vitest'
import { isQuickSearchShortcut, isTypingTarget, quickSearchAction } from './quickSearchKeys'

function key(
  key: string,
  init: Partial<KeyboardEvent> = {},
  target: EventTarget | null = document.body,
) {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    defaultPrevented: false,
    isComposing: false,
    target,
    ...init,
  }
}

describe('quick search shortcut', () => {
  it('opens with /, Ctrl+K and Cmd+K', () => {
    expect(isQuickSearchShortcut(key('/'))).toBe(true)
    expect(isQuickSearchShortcut(key('k', { ctrlKey: true }))).toBe(true)
    expect(isQuickSearchShortcut(key('K', { metaKey: true, shiftKey: true }))).toBe(true)
    expect(isQuickSearchShortcut(key('k'))).toBe(false)
    expect(isQuickSearchShortcut(key('/', { ctrlKey: true }))).toBe(false)
    expect(isQuickSearchShortcut(key('/', { defaultPrevented: true }))).toBe(false)
  })

  it('does nothing while the user types in a field or an editor', () => {
    const input = document.createElement('input')
    const textarea = document.createElement('textarea')
    const editor = document.createElement('div')
    editor.setAttribute('contenteditable', 'true')
    const paragraph = document.createElement('p')
    editor.appendChild(paragraph)
    const button = document.createElement('button')

    for (const target of [input, textarea, editor, paragraph]) {
      expect(isTypingTarget(target)).toBe(true)
      expect(isQuickSearchShortcut(key('/', {}, target))).toBe(false)
      expect(isQuickSearchShortcut(key('k', { ctrlKey: true }, target))).toBe(false)
    }
    expect(isTypingTarget(button)).toBe(false)
    expect(isQuickSearchShortcut(key('/', {}, button))).toBe(true)
  })
})

describe('quick search keys', () => {
  it('moves down and up through the options, wrapping around', () => {
    expect(quickSearchAction('ArrowDown', -1, 3)).toEqual({ type: 'move', index: 0 })
    expect(quickSearchAction('ArrowDown', 2, 3)).toEqual({ type: 'move', index: 0 })
    expect(quickSearchAction('ArrowUp', -1, 3)).toEqual({ type: 'move', index: 2 })
    expect(quickSearchAction('ArrowUp', 1, 3)).toEqual({ type: 'move', index: 0 })
    expect(quickSearchAction('ArrowDown', -1, 0)).toBeNull()
  })

  it('opens the highlighted option on Enter, or searches the text without one', () => {
    expect(quickSearchAction('Enter', 1, 3)).toEqual({ type: 'open', index: 1 })
    expect(quickSearchAction('Enter', -1, 3)).toEqual({ type: 'search' })
    expect(quickSearchAction('Enter', 4, 3)).toEqual({ type: 'search' })
  })

  it('closes on Escape and lets other keys type', () => {
    expect(quickSearchAction('Escape', 0, 3)).toEqual({ type: 'close' })
    expect(quickSearchAction('a', 0, 3)).toBeNull()
    expect(quickSearchAction('Home', -1, 3)).toBeNull()
  })
})
