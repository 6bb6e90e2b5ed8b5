import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import CardSharingDialog from './CardSharingDialog.vue'
import { ProblemError } from '@/api/problem'
import { resnetCard } from '@/testing/cardFixtures'
import type { Card } from '@/types/cards'
import type { ProblemFieldError } from '@/types/problem'

let wrapper: VueWrapper | undefined

const sharedCard: Card = {
  ...resnetCard,
  visibility: 'private',
  sharedWith: ['u-bob', 'u-cy'],
  sharedUsers: [
    { id: 'u-bob', username: 'bob', displayName: 'Bob Builder' },
    { id: 'u-cy', username: 'cy', displayName: '' },
  ],
}

function refusal(errors: ProblemFieldError[], detail?: string): ProblemError {
  return new ProblemError({
    type: 'about:blank',
    title: 'Invalid card',
    status: 422,
    detail,
    errors,
  })
}

/** The dialog saved once, then answered with `error` by its page. */
async function savedWith(error: ProblemError) {
  wrapper = mount(CardSharingDialog, {
    props: { card: sharedCard, saving: false, error: null, modelValue: false },
    global: { plugins: [Quasar] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  document.body.querySelector<HTMLElement>('[data-testid="card-sharing-save"]')!.click()
  await flushPromises()
  expect(wrapper.emitted('save')).toHaveLength(1)
  await wrapper.setProps({ error })
  await flushPromises()
}

const inBody = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const usersField = () => inBody('card-sharing-users')!.closest('.q-field')!

describe('CardSharingDialog', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  it('is named after its title, for screen readers', async () => {
    wrapper = mount(CardSharingDialog, {
      props: { card: sharedCard, saving: false, error: null, modelValue: true },
      global: { plugins: [Quasar] },
      attachTo: document.body,
    })
    await flushPromises()

    const dialog = document.body.querySelector('[role="dialog"]')!
    const title = document.getElementById(dialog.getAttribute('aria-labelledby')!)
    expect(title?.textContent?.trim()).toBe('Visibility and sharing')
  })

  it('shows an error about one entry of the list at the list, naming the user', async () => {
    await savedWith(refusal([{ pointer: '/sharedWith/1', detail: 'is not an active user' }]))

    expect(usersField().textContent).toContain('@cy: is not an active user')
    expect(inBody('card-sharing-error')).toBeNull()
  })

  it('says in a banner what it cannot show at a field', async () => {
    await savedWith(
      refusal(
        [
          { pointer: '/sharedWith/0', detail: 'is the owner' },
          { pointer: '/visibility', detail: 'must be public or private' },
        ],
        'The changes were refused.',
      ),
    )

    const banner = inBody('card-sharing-error')!
    expect(banner.textContent).toContain('Invalid card')
    expect(banner.textContent).toContain('The changes were refused.')
    expect(banner.textContent).toContain('must be public or private')
    expect(usersField().textContent).toContain('Bob Builder (@bob): is the owner')
  })

  it('says a problem without field errors in the banner', async () => {
    await savedWith(
      new ProblemError({
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'Only the owner may share this card.',
        errors: [],
      }),
    )

    expect(inBody('card-sharing-error')!.textContent).toContain(
      'Only the owner may share this card.',
    )
  })
})
