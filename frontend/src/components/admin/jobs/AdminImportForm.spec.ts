import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { QSelect, Quasar } from 'quasar'
import AdminImportForm from './AdminImportForm.vue'
import { apiClient } from '@/api/client'
import { fakeAdapter, json } from '@/testing/fakeAdapter'
import type { Job } from '@/types/jobs'

const originalAdapter = apiClient.defaults.adapter
let wrapper: VueWrapper | undefined

const queued: Job = {
  id: 'j1',
  type: 'import',
  state: 'queued',
  summary: '',
  progress: { done: 0, total: 0, failed: 0 },
  items: [],
  requestedBy: 'admin',
  cancelRequested: false,
  params: {},
  result: null,
  createdAt: '2026-11-28T10:00:00Z',
}

async function mountForm() {
  const adapter = fakeAdapter({ 'POST /admin/imports': json(queued, 202) })
  apiClient.defaults.adapter = adapter
  wrapper = mount(AdminImportForm, { global: { plugins: [Quasar] }, attachTo: document.body })
  await flushPromises()
  return { form: wrapper, adapter }
}

const inBody = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)

async function chooseBundle(form: VueWrapper): Promise<void> {
  const input = form.get('input[type="file"]').element as HTMLInputElement
  const bundle = new File(['PK'], 'bundle.zip', { type: 'application/zip' })
  Object.defineProperty(input, 'files', { value: [bundle], configurable: true })
  input.dispatchEvent(new Event('change'))
  await flushPromises()
}

async function chooseConflict(form: VueWrapper, value: string): Promise<void> {
  // QSelect lays out no options in jsdom: the choice is made the way QSelect reports it.
  form.getComponent(QSelect).vm.$emit('update:modelValue', value)
  await flushPromises()
}

async function start(form: VueWrapper): Promise<void> {
  await form.get('form').trigger('submit')
  await flushPromises()
}

describe('AdminImportForm', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
    apiClient.defaults.adapter = originalAdapter
  })

  it('uploads at once when existing cards are skipped', async () => {
    const { form, adapter } = await mountForm()
    await chooseBundle(form)

    await start(form)

    expect(inBody('import-overwrite-dialog')).toBeNull()
    expect(adapter.requests).toEqual(['POST /admin/imports'])
    expect(form.emitted('started')).toEqual([[queued]])
  })

  it('asks before overwriting, saying that history is deleted, and uploads only when confirmed', async () => {
    const { form, adapter } = await mountForm()
    await chooseBundle(form)
    await chooseConflict(form, 'overwrite')

    await start(form)

    const dialog = inBody('import-overwrite-dialog')!
    expect(dialog.textContent).toContain('same id or the same address')
    expect(dialog.textContent).toContain('history of the replaced card is deleted')
    expect(dialog.textContent).toContain('bundle.zip')
    expect(adapter.requests).toEqual([])

    inBody('confirm-ok')!.click()
    await flushPromises()

    expect(adapter.requests).toEqual(['POST /admin/imports'])
    expect(form.emitted('started')).toEqual([[queued]])
  })

  it('uploads nothing when the overwrite is cancelled', async () => {
    const { form, adapter } = await mountForm()
    await chooseBundle(form)
    await chooseConflict(form, 'overwrite')
    await start(form)

    inBody('confirm-cancel')!.click()
    await flushPromises()

    expect(adapter.requests).toEqual([])
    expect(form.emitted('started')).toBeUndefined()
  })
})
