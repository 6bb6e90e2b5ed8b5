import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { Quasar } from 'quasar'
import ShellConfirmDialog from './ShellConfirmDialog.vue'

describe('ShellConfirmDialog', () => {
  it('names the dialog and its alert after the title', async () => {
    const wrapper = mount(ShellConfirmDialog, {
      props: { title: 'Delete this card?', modelValue: true },
      global: { plugins: [Quasar] },
      attachTo: document.body,
    })
    await wrapper.vm.$nextTick()

    for (const role of ['dialog', 'alertdialog']) {
      const element = document.body.querySelector(`[role="${role}"]`)!
      const title = document.getElementById(element.getAttribute('aria-labelledby')!)
      expect(title?.textContent?.trim()).toBe('Delete this card?')
    }
    wrapper.unmount()
    document.body.innerHTML = ''
  })
})
