import { getCurrentInstance, onBeforeUnmount } from 'vue'
import type Plyr from 'plyr'
import spriteUrl from 'plyr-sprite?url'
import { loadPlyr } from './plyrLoader'

/**
 * Plyr's options for this app: its icon sprite is served by the app (Plyr would fetch it from its
 * CDN), and no blank video is fetched from that CDN either when a player is destroyed.
 */
export const PLYR_OPTIONS: Plyr.Options = {
  iconUrl: spriteUrl,
  blankVideo: '',
  controls: ['play-large', 'play', 'progress', 'current-time', 'mute', 'volume', 'fullscreen'],
}

export interface VideoPlayers {
  /** Turns a `<video>` element into a Plyr player. */
  attach: (video: HTMLVideoElement) => Promise<Plyr>
  /** Destroys every player made here (also done on unmount). */
  destroyAll: () => void
}

/** Plays videos with Plyr, loaded lazily on the first one. */
export function usePlyr(): VideoPlayers {
  const players = new Set<Plyr>()

  async function attach(video: HTMLVideoElement): Promise<Plyr> {
    const PlyrPlayer = await loadPlyr()
    const player = new PlyrPlayer(video, PLYR_OPTIONS)
    players.add(player)
    return player
  }

  function destroyAll(): void {
    for (const player of players) {
      try {
        player.destroy()
      } catch {
        // Its element may already be gone with the document it was part of.
      }
    }
    players.clear()
  }

  if (getCurrentInstance()) {
    onBeforeUnmount(destroyAll)
  }

  return { attach, destroyAll }
}
