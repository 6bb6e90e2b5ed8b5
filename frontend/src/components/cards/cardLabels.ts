/**
 * Tags and frameworks, normalized as the server does: trimmed, inner white space collapsed, blanks
 * dropped, duplicates removed ignoring case while keeping the first spelling and the order.
 */

export const LABELS_MAX = 20
export const LABEL_MAX_LENGTH = 40

/** Control characters other than line breaks and tabs are dropped, as for every plain-text field. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

/** One label as the server stores it ('' when nothing is left). */
export function normalizeLabel(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '').trim().replace(/\s+/g, ' ')
}

/** The labels as the server stores them; labels that are too long are kept (they are errors). */
export function normalizeLabels(values: readonly string[]): string[] {
  const seen = new Set<string>()
  const result: string[] = []
  for (const value of values) {
    const label = normalizeLabel(value)
    const key = label.toLowerCase()
    if (label && !seen.has(key)) {
      seen.add(key)
      result.push(label)
    }
  }
  return result
}

/** What is wrong with a list of labels, or null; `noun` names them in the message. */
export function labelsProblem(values: readonly string[], noun = 'tags'): string | null {
  const labels = normalizeLabels(values)
  const tooLong = labels.find((label) => label.length > LABEL_MAX_LENGTH)
  if (tooLong !== undefined) {
    return `“${tooLong.slice(0, 20)}…” is longer than ${LABEL_MAX_LENGTH} characters`
  }
  if (labels.length > LABELS_MAX) {
    return `At most ${LABELS_MAX} ${noun}`
  }
  return null
}

/**
 * Adds what the user typed (one label, or several separated by commas) to a list. Answers the new
 * list, or a message saying why nothing was added.
 */
export function addLabels(
  current: readonly string[],
  typed: string,
  noun = 'tags',
): { labels: string[] } | { error: string } {
  const candidates = typed.split(',').map(normalizeLabel).filter(Boolean)
  if (candidates.length === 0) {
    return { labels: [...current] }
  }
  const tooLong = candidates.find((label) => label.length > LABEL_MAX_LENGTH)
  if (tooLong !== undefined) {
    return { error: `Each entry can have at most ${LABEL_MAX_LENGTH} characters` }
  }
  const labels = normalizeLabels([...current, ...candidates])
  if (labels.length > LABELS_MAX) {
    return { error: `At most ${LABELS_MAX} ${noun}` }
  }
  return { labels }
}
