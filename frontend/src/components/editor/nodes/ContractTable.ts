import { mergeAttributes } from '@tiptap/core'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'

/**
 * TipTap's table as the server keeps it: `<table><tbody><tr><th>…` without the `<colgroup>` and the
 * inline width style it would add (the sanitizer drops both), not resizable.
 */
export const ContractTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    return ['table', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ['tbody', 0]]
  },
}).configure({ resizable: false, renderWrapper: false })

/** The table and its parts, for the editor's extension list. */
export const tableExtensions = [ContractTable, TableRow, TableHeader, TableCell]
