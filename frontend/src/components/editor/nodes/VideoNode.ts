import { Node, mergeAttributes } from '@tiptap/core'
import { isPlatformMedia, videoSource } from '@/components/editor/platformMedia'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    video: {
      /** Inserts a video of this platform's media at the selection. */
      insertVideo: (attributes: { src: string }) => ReturnType
    }
  }
}

/**
 * An uploaded video: `<video src="/api/v1/media/…" controls></video>`, played with Plyr on the card.
 * A `<source>` child's media URL is taken too, as the server does.
 */
export const VideoNode = Node.create({
  name: 'video',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      src: {
        default: null,
        parseHTML: (element) => videoSource(element),
      },
    }
  },

  // Only this platform's media: the server drops a video from anywhere else when the card is saved.
  parseHTML() {
    return [
      {
        tag: 'video',
        getAttrs: (element) => (isPlatformMedia(videoSource(element)) ? null : false),
      },
    ]
  },

  renderHTML({ HTMLAttributes }) {
    return ['video', mergeAttributes(HTMLAttributes, { controls: '' })]
  },

  addCommands() {
    return {
      insertVideo:
        (attributes) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: attributes }),
    }
  },
})
