import type { PlyrConstructor } from '@/composables/plyrLoader'

/** A stand-in for `@/composables/plyrLoader`: records which videos got a player. */
export const plyrCalls = { loads: 0, attached: [] as HTMLElement[], destroyed: 0 }

export function resetFakePlyr(): void {
  plyrCalls.loads = 0
  plyrCalls.attached = []
  plyrCalls.destroyed = 0
}

class FakePlyr {
  constructor(element: HTMLElement) {
    plyrCalls.attached.push(element)
  }
  destroy(): void {
    plyrCalls.destroyed += 1
  }
}

export async function loadPlyr(): Promise<PlyrConstructor> {
  plyrCalls.loads += 1
  return FakePlyr as unknown as PlyrConstructor
}
