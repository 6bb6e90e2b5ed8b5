/**
 * "1 user", "2 users", "1,204 models": a count and its noun in the right number. `many` is for nouns
 * whose plural is not the singular with an "s".
 */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`
}
