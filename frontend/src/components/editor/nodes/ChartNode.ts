import { Node, mergeAttributes } from '@tiptap/core'
import { VueNodeViewRenderer } from '@tiptap/vue-3'
import ChartNodeView from './ChartNodeView.vue'

/**
 * What a chart node holds: the Plotly figure as compact JSON and an optional caption; a chart
 * imported from an experiment also holds its source (see chartSource.ts) and whether it has been
 * edited by hand since.
 */
export interface ChartAttributes {
  figure: string
  caption: string
  source?: string | null
  edited?: boolean
}

/**
 * Called when the user asks to edit a chart in the document; `apply` replaces its attributes, or
 * removes the chart when given null.
 */
export type ChartEditHandler = (
  current: ChartAttributes,
  apply: (next: ChartAttributes | null) => void,
) => void

export interface ChartNodeOptions {
  onEdit: ChartEditHandler | null
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    chart: {
      /** Inserts a chart at the selection. */
      insertChart: (attributes: ChartAttributes) => ReturnType
    }
  }
}

/**
 * A Plotly chart: an atom block stored as
 * `<div data-type="chart" data-figure="{…}" data-caption="…"></div>`, shown in the editor as a
 * live preview with Edit and Remove.
 */
export const ChartNode = Node.create<ChartNodeOptions>({
  name: 'chart',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addOptions() {
    return { onEdit: null }
  },

  addAttributes() {
    return {
      figure: {
        default: '{"data":[]}',
        parseHTML: (element) => element.getAttribute('data-figure') ?? '{"data":[]}',
        renderHTML: (attributes) => ({ 'data-figure': attributes.figure as string }),
      },
      caption: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-caption') ?? '',
        renderHTML: (attributes) =>
          attributes.caption ? { 'data-caption': attributes.caption as string } : {},
      },
      source: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-source'),
        renderHTML: (attributes) =>
          attributes.source ? { 'data-source': attributes.source as string } : {},
      },
      edited: {
        default: false,
        parseHTML: (element) => element.getAttribute('data-edited') === 'true',
        renderHTML: (attributes) => (attributes.edited ? { 'data-edited': 'true' } : {}),
      },
    }
  },

  parseHTML() {
    return [{ tag: 'div[data-type="chart"]' }]
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes({ 'data-type': 'chart' }, HTMLAttributes)]
  },

  addNodeView() {
    return VueNodeViewRenderer(ChartNodeView)
  },

  addCommands() {
    return {
      insertChart:
        (attributes) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: attributes }),
    }
  },
})
