import {
  computed,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
  type ShallowRef,
} from 'vue'
import { useEditor, type Editor } from '@tiptap/vue-3'
import type { Editor as CoreEditor, Extensions, JSONContent } from '@tiptap/core'
import { NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state'
import StarterKit from '@tiptap/starter-kit'
import Image from '@tiptap/extension-image'
import { CharacterCount, Placeholder } from '@tiptap/extensions'
import { isAllowedLinkUrl } from '@/components/cards/cardUrls'
import {
  ChartNode,
  type ChartAttributes,
  type ChartEditHandler,
} from '@/components/editor/nodes/ChartNode'
import { tableExtensions } from '@/components/editor/nodes/ContractTable'
import { VideoNode } from '@/components/editor/nodes/VideoNode'
import {
  PlatformMediaPaste,
  isPlatformMedia,
  type DroppedMedia,
} from '@/components/editor/platformMedia'

export type HeadingLevel = 1 | 2 | 3 | 4
export const HEADING_LEVELS: readonly HeadingLevel[] = [1, 2, 3, 4]

export interface RichTextEditorOptions {
  /** The HTML to show; when it changes from outside, the document is replaced. */
  content: MaybeRefOrGetter<string>
  /** Called with the new HTML after each change by the user ('' for an empty document). */
  onChange: (html: string) => void
  placeholder?: string
  /** An accessible name for the editable area. */
  label?: string
  /** Called when a chart in the document should be edited (a dialog answers through `apply`). */
  onEditChart?: ChartEditHandler
  /** Called when a paste had images or videos from elsewhere, which were left out. */
  onMediaDropped?: (dropped: DroppedMedia) => void
}

/** Images of this platform's media only: the server drops any other source when it saves. */
const PlatformImage = Image.extend({
  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (element) => (isPlatformMedia(element.getAttribute('src')) ? null : false),
      },
    ]
  },
})

/**
 * The extensions of the card editor; everything they produce is on the server's allow-list
 * (headings 1–4, marks, lists, http/https/mailto links, tables, platform images and videos, charts);
 * images and videos from elsewhere are left out of a paste, and `onMediaDropped` says how many.
 */
export function richTextExtensions(
  options: Pick<RichTextEditorOptions, 'placeholder' | 'onEditChart' | 'onMediaDropped'> = {},
): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['mailto'],
        isAllowedUri: (url) => isAllowedLinkUrl(url),
        shouldAutoLink: (url) => isAllowedLinkUrl(url),
        HTMLAttributes: { target: null, rel: 'noopener noreferrer nofollow' },
      },
    }),
    PlatformImage.configure({ inline: false, allowBase64: false }),
    PlatformMediaPaste.configure({ onDropped: options.onMediaDropped ?? null }),
    ...tableExtensions,
    ChartNode.configure({ onEdit: options.onEditChart ?? null }),
    VideoNode,
    CharacterCount,
    Placeholder.configure({ placeholder: options.placeholder ?? 'Write here…' }),
  ]
}

/**
 * The HTML of a document, '' when it is nothing but an empty paragraph (so that a section left
 * empty stays empty). TipTap's `isEmpty` cannot be used: it calls a table of empty cells empty.
 */
export function documentHtml(editor: CoreEditor): string {
  const doc = editor.state.doc
  const only = doc.childCount === 1 ? doc.firstChild : null
  const blank = only !== null && only.type.name === 'paragraph' && only.content.size === 0
  return blank ? '' : editor.getHTML()
}

/** A range of the document that follows the changes made after it was marked. */
export interface DocumentPlace {
  readonly from: number
  readonly to: number
  /** Stops following changes. */
  release: () => void
}

export interface RichTextEditor {
  editor: ShallowRef<Editor | undefined>
  /** Characters of text in the document. */
  characters: ComputedRef<number>
  words: ComputedRef<number>
  isActive: (name: string, attributes?: Record<string, unknown>) => boolean
  toggleBold: () => void
  toggleItalic: () => void
  toggleUnderline: () => void
  toggleStrike: () => void
  toggleBulletList: () => void
  toggleOrderedList: () => void
  setHeading: (level: HeadingLevel | null) => void
  /** The href of the link at the selection, or ''. */
  currentLink: () => string
  /** Links the selection (or inserts the URL as text); false when the URL is not allowed. */
  setLink: (url: string) => boolean
  unsetLink: () => void
  inTable: ComputedRef<boolean>
  insertTable: () => void
  addRow: () => void
  addColumn: () => void
  deleteRow: () => void
  deleteColumn: () => void
  deleteTable: () => void
  /**
   * The selection now, as a place that follows later changes: an upload started here inserts its
   * file here when it finishes, wherever the user went on editing meanwhile. Null without editor.
   */
  markSelection: () => DocumentPlace | null
  /** Inserts an image at the selection, or at a place marked earlier. */
  insertImage: (src: string, alt: string, at?: DocumentPlace | null) => void
  /** Whether an image is selected (clicked), so that its alternative text can be edited. */
  imageSelected: ComputedRef<boolean>
  /** The alternative text of the selected image ('' for a decorative one). */
  imageAlt: () => string
  /** Sets the selected image's alternative text; '' marks it decorative. */
  setImageAlt: (alt: string) => void
  /** Inserts a video at the selection, or at a place marked earlier. */
  insertVideo: (src: string, at?: DocumentPlace | null) => void
  insertChart: (chart: ChartAttributes) => void
  undo: () => void
  redo: () => void
  canUndo: ComputedRef<boolean>
  canRedo: ComputedRef<boolean>
}

/**
 * The card editor as a composable (like Elk's useTiptap): a TipTap editor bound to HTML, with the
 * commands the toolbar offers. The editor is created when the component mounts.
 */
export function useRichTextEditor(options: RichTextEditorOptions): RichTextEditor {
  const editor = useEditor({
    content: toValue(options.content) || '',
    extensions: richTextExtensions(options),
    editorProps: {
      attributes: {
        class: 'rich-text-editor__content rich-document',
        'data-testid': 'editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': options.label ?? 'Document',
      },
    },
    onUpdate: ({ editor: changed }) => options.onChange(documentHtml(changed)),
  })

  // A draft resumed or a card reloaded replaces the document; the user's own changes do not.
  watch(
    () => toValue(options.content),
    (html) => {
      const current = editor.value
      if (current && html !== documentHtml(current)) {
        current.commands.setContent(html || '', { emitUpdate: false })
      }
    },
  )

  const chain = () => editor.value?.chain().focus()
  const run = (command: (c: NonNullable<ReturnType<typeof chain>>) => { run: () => boolean }) => {
    const c = chain()
    if (c) {
      command(c).run()
    }
  }

  // These read the editor's state, which the Vue editor makes reactive: they follow every change.
  const characters = computed(() => editor.value?.storage.characterCount.characters() ?? 0)
  const words = computed(() => editor.value?.storage.characterCount.words() ?? 0)
  const inTable = computed(() => editor.value?.isActive('table') ?? false)
  const canUndo = computed(() => editor.value?.can().undo() ?? false)
  const canRedo = computed(() => editor.value?.can().redo() ?? false)
  const imageSelected = computed(() => editor.value?.isActive('image') ?? false)

  /**
   * Inserts a block (image, video, chart) and puts the cursor in the paragraph after it, adding one
   * when there is none: left selected, the block would be replaced by the next one inserted.
   */
  function insertBlock(content: JSONContent): void {
    editor.value
      ?.chain()
      .focus()
      .insertContent(content)
      .command(({ tr }) => {
        if (!(tr.selection instanceof NodeSelection)) {
          return true
        }
        const after = tr.selection.to
        if (!tr.doc.resolve(after).nodeAfter?.isTextblock) {
          tr.insert(after, tr.doc.type.schema.nodes.paragraph!.create())
        }
        tr.setSelection(TextSelection.create(tr.doc, after + 1))
        return true
      })
      .run()
  }

  function markSelection(): DocumentPlace | null {
    const current = editor.value
    if (!current) {
      return null
    }
    let { from, to } = current.state.selection
    // Text typed right at the place goes after what is inserted there later.
    const follow = ({ transaction }: { transaction: Transaction }) => {
      from = transaction.mapping.map(from, -1)
      to = Math.max(from, transaction.mapping.map(to, -1))
    }
    current.on('transaction', follow)
    return {
      get from() {
        return from
      },
      get to() {
        return to
      },
      release: () => current.off('transaction', follow),
    }
  }

  /**
   * Inserts a block at a marked place, leaving the user's selection where it is now; at the end of
   * a paragraph the block goes after it, and a paragraph follows a block that would end the
   * document.
   */
  function insertBlockAt(content: JSONContent, place: DocumentPlace): void {
    const current = editor.value
    if (!current) {
      return
    }
    const size = current.state.doc.content.size
    let from = Math.min(place.from, size)
    let to = Math.min(place.to, size)
    const $from = current.state.doc.resolve(from)
    const parent = $from.parent
    if (from === to && parent.isTextblock && parent.content.size > 0) {
      if ($from.parentOffset === parent.content.size) {
        from = to = $from.after()
      }
    }
    current
      .chain()
      .insertContentAt({ from, to }, content, { updateSelection: false })
      .command(({ tr }) => {
        const end = tr.mapping.map(to, 1)
        const $end = tr.doc.resolve(end)
        if (!$end.parent.isTextblock && !$end.nodeAfter?.isTextblock) {
          tr.insert(end, tr.doc.type.schema.nodes.paragraph!.create())
        }
        return true
      })
      .run()
  }

  function insertBlockAtOrHere(content: JSONContent, at?: DocumentPlace | null): void {
    if (at) {
      insertBlockAt(content, at)
    } else {
      insertBlock(content)
    }
  }

  function currentLink(): string {
    return (editor.value?.getAttributes('link').href as string | undefined) ?? ''
  }

  function setLink(url: string): boolean {
    const href = url.trim()
    if (!isAllowedLinkUrl(href)) {
      return false
    }
    const current = editor.value
    if (!current) {
      return false
    }
    if (current.state.selection.empty && !current.isActive('link')) {
      current
        .chain()
        .focus()
        .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
        .run()
    } else {
      current.chain().focus().extendMarkRange('link').setLink({ href }).run()
    }
    return true
  }

  return {
    editor,
    characters,
    words,
    isActive: (name, attributes) => editor.value?.isActive(name, attributes) ?? false,
    toggleBold: () => run((c) => c.toggleBold()),
    toggleItalic: () => run((c) => c.toggleItalic()),
    toggleUnderline: () => run((c) => c.toggleUnderline()),
    toggleStrike: () => run((c) => c.toggleStrike()),
    toggleBulletList: () => run((c) => c.toggleBulletList()),
    toggleOrderedList: () => run((c) => c.toggleOrderedList()),
    setHeading: (level) =>
      run((c) => (level === null ? c.setParagraph() : c.setHeading({ level }))),
    currentLink,
    setLink,
    unsetLink: () => run((c) => c.extendMarkRange('link').unsetLink()),
    inTable,
    insertTable: () => run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true })),
    addRow: () => run((c) => c.addRowAfter()),
    addColumn: () => run((c) => c.addColumnAfter()),
    deleteRow: () => run((c) => c.deleteRow()),
    deleteColumn: () => run((c) => c.deleteColumn()),
    deleteTable: () => run((c) => c.deleteTable()),
    markSelection,
    insertImage: (src, alt, at) => insertBlockAtOrHere({ type: 'image', attrs: { src, alt } }, at),
    imageSelected,
    imageAlt: () => (editor.value?.getAttributes('image').alt as string | null | undefined) ?? '',
    setImageAlt: (alt) => run((c) => c.updateAttributes('image', { alt })),
    insertVideo: (src, at) => insertBlockAtOrHere({ type: 'video', attrs: { src } }, at),
    insertChart: (chart) => insertBlock({ type: 'chart', attrs: { ...chart } }),
    undo: () => run((c) => c.undo()),
    redo: () => run((c) => c.redo()),
    canUndo,
    canRedo,
  }
}
