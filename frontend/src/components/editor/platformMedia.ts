import { Extension } from '@tiptap/core'

/** A media file's id, as the media service gives them (a lowercase UUID). */
const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const MEDIA_PATH = `/api/v1/media/${ID}(?:[?#][\\s\\S]*)?`
const RELATIVE = new RegExp(`^${MEDIA_PATH}$`)
/** Pasted from another page of the platform, a source is absolute; the server keeps its path. */
const ABSOLUTE = new RegExp(`^[hH][tT][tT][pP][sS]?://[^/?#\\\\@\\s\\p{Cc}]+${MEDIA_PATH}$`, 'u')

/**
 * Whether an image or video source is this platform's media (`/api/v1/media/{id}`, relative or
 * absolute, signed or not): the only sources the server keeps (core/app MediaUrls); it drops an
 * image or video with any other source when the card is saved.
 */
export function isPlatformMedia(source: string | null | undefined): boolean {
  // Browsers, and the server, ignore leading and trailing spaces and control characters.
  const url = (source ?? '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
  return RELATIVE.test(url) || ABSOLUTE.test(url)
}

/** The source a `<video>` plays: its `src`, or else its first `<source>` child's. */
export function videoSource(element: HTMLElement): string | null {
  return (
    element.getAttribute('src') ?? element.querySelector('source[src]')?.getAttribute('src') ?? null
  )
}

/** What pasting left out: images and videos that are not this platform's media. */
export interface DroppedMedia {
  images: number
  videos: number
}

/** Pasted HTML without the images and videos the server would drop, and how many they were. */
export function dropForeignMedia(html: string): { html: string; dropped: DroppedMedia } {
  const dropped: DroppedMedia = { images: 0, videos: 0 }
  if (!/<(img|video)\b/i.test(html)) {
    return { html, dropped }
  }
  const doc = new DOMParser().parseFromString(html, 'text/html')
  for (const image of Array.from(doc.body.querySelectorAll('img'))) {
    if (!isPlatformMedia(image.getAttribute('src'))) {
      image.remove()
      dropped.images += 1
    }
  }
  for (const video of Array.from(doc.body.querySelectorAll('video'))) {
    if (!isPlatformMedia(videoSource(video))) {
      video.remove()
      dropped.videos += 1
    }
  }
  return dropped.images + dropped.videos > 0
    ? { html: doc.body.innerHTML, dropped }
    : { html, dropped }
}

/** What to tell the user about media left out of a paste. */
export function droppedMediaMessage({ images, videos }: DroppedMedia): string {
  const count = (n: number, noun: string) => (n > 0 ? `${n} ${noun}${n === 1 ? '' : 's'}` : '')
  const what = [count(images, 'image'), count(videos, 'video')].filter(Boolean).join(' and ')
  const one = images + videos === 1
  return (
    `${what} ${one ? 'was' : 'were'} not pasted: a card shows only files uploaded here. ` +
    `Upload ${one ? 'it' : 'them'} instead.`
  )
}

export interface PlatformMediaPasteOptions {
  /** Called when a paste had images or videos from elsewhere, which were left out. */
  onDropped: ((dropped: DroppedMedia) => void) | null
}

/**
 * Leaves images and videos from other sites out of pasted HTML and says so: kept in the editor,
 * they would seem part of the card and vanish on save. (The image and video nodes do not parse
 * such sources either, e.g. from an older draft.)
 */
export const PlatformMediaPaste = Extension.create<PlatformMediaPasteOptions>({
  name: 'platformMediaPaste',

  addOptions() {
    return { onDropped: null }
  },

  transformPastedHTML(html) {
    const result = dropForeignMedia(html)
    if (result.dropped.images + result.dropped.videos > 0) {
      this.options.onDropped?.(result.dropped)
    }
    return result.html
  },
})
