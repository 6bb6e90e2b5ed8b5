import { describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { Quasar } from 'quasar'
import PluginsConfigForm from './PluginsConfigForm.vue'
import { SECRET_MASK, initialConfig } from './configValues'
import type { ConfigProperty } from '@/types/connectors'

const property = (overrides: Partial<ConfigProperty> & Pick<ConfigProperty, 'name' | 'type'>) =>
  ({
    label: overrides.name,
    help: '',
    required: false,
    options: [],
    ...overrides,
  }) as ConfigProperty

const schema: ConfigProperty[] = [
  property({ name: 'host', type: 'STRING', label: 'Host', required: true, help: 'The host name.' }),
  property({ name: 'notes', type: 'TEXT', label: 'Notes' }),
  property({ name: 'token', type: 'SECRET', label: 'Token', required: true }),
  property({ name: 'tls', type: 'BOOLEAN', label: 'Use TLS', defaultValue: 'true' }),
  property({ name: 'port', type: 'INTEGER', label: 'Port', defaultValue: '9000' }),
  property({ name: 'endpoint', type: 'URI', label: 'Endpoint' }),
  property({
    name: 'mode',
    type: 'ENUM',
    label: 'Mode',
    defaultValue: 'fast',
    options: ['fast', 'safe'],
  }),
  property({ name: 'tags', type: 'LIST', label: 'Tags' }),
]

function mountForm(
  values: Record<string, string>,
  props: { errors?: Record<string, string | undefined>; storedSecrets?: string[] } = {},
) {
  const wrapper: VueWrapper = mount(PluginsConfigForm, {
    props: {
      schema,
      modelValue: values,
      'onUpdate:modelValue': (next: Record<string, string>) =>
        void wrapper.setProps({ modelValue: next }),
      ...props,
    },
    global: { plugins: [Quasar] },
  })
  return wrapper
}

const model = (wrapper: VueWrapper) =>
  (wrapper.props() as Record<string, unknown>).modelValue as Record<string, string>
const field = (wrapper: VueWrapper, name: string) =>
  wrapper.get(`[data-testid="config-field-${name}"]`)
const fieldBox = (wrapper: VueWrapper, name: string) =>
  wrapper.get(`[data-config-property="${name}"]`)

describe('PluginsConfigForm', () => {
  it('renders one fitting control per setting type, with defaults prefilled', () => {
    const wrapper = mountForm(initialConfig(schema))

    expect(field(wrapper, 'host').element.tagName).toBe('INPUT')
    expect(field(wrapper, 'host').attributes('type')).toBe('text')
    expect(field(wrapper, 'notes').element.tagName).toBe('TEXTAREA')
    expect(field(wrapper, 'token').attributes('type')).toBe('password')
    expect(field(wrapper, 'tls').attributes('role')).toBe('switch')
    expect(field(wrapper, 'tls').attributes('aria-checked')).toBe('true')
    expect(field(wrapper, 'port').attributes('type')).toBe('number')
    expect((field(wrapper, 'port').element as HTMLInputElement).value).toBe('9000')
    expect(field(wrapper, 'endpoint').attributes('type')).toBe('text')
    expect(field(wrapper, 'endpoint').attributes('inputmode')).toBe('url')
    expect(fieldBox(wrapper, 'mode').text()).toContain('fast')
    expect(fieldBox(wrapper, 'mode').find('.q-select').exists()).toBe(true)
    expect(fieldBox(wrapper, 'tags').find('.q-select').exists()).toBe(true)
  })

  it('marks required settings and shows the help text as a hint', () => {
    const wrapper = mountForm(initialConfig(schema))

    expect(fieldBox(wrapper, 'host').text()).toContain('Host *')
    expect(fieldBox(wrapper, 'host').text()).toContain('The host name.')
    expect(field(wrapper, 'host').attributes('aria-required')).toBe('true')
    expect(fieldBox(wrapper, 'notes').text()).toContain('Notes')
    expect(fieldBox(wrapper, 'notes').text()).not.toContain('Notes *')
  })

  it('emits string values for every type', async () => {
    const wrapper = mountForm(initialConfig(schema))

    await field(wrapper, 'host').setValue('minio')
    await field(wrapper, 'notes').setValue('line 1\nline 2')
    await field(wrapper, 'port').setValue('9001')
    await field(wrapper, 'tls').trigger('click')

    expect(model(wrapper)).toMatchObject({
      host: 'minio',
      notes: 'line 1\nline 2',
      port: '9001',
      tls: 'false',
    })
  })

  it('shows a LIST value as chips and stores the chips comma separated', async () => {
    const wrapper = mountForm({ ...initialConfig(schema), tags: 'a,b' })

    const chips = fieldBox(wrapper, 'tags').findAll('.q-chip')
    expect(chips.map((chip) => chip.get('.q-chip__content').text())).toEqual(['a', 'b'])

    // Removing a chip (its close icon) keeps the rest.
    await chips[0]!.get('.q-chip__icon--remove').trigger('click')
    expect(model(wrapper).tags).toBe('b')
  })

  it('adds typed LIST values on Enter, a comma-separated list as several chips', async () => {
    const wrapper = mountForm({ ...initialConfig(schema), tags: 'a' })

    await field(wrapper, 'tags').setValue('b, c,a')
    await field(wrapper, 'tags').trigger('keydown', { key: 'Enter', keyCode: 13 })

    expect(model(wrapper).tags).toBe('a,b,c')
  })

  it('shows server errors under the matching field', () => {
    const wrapper = mountForm(initialConfig(schema), {
      errors: { host: 'is required', tls: 'must be true or false', tags: 'too many' },
    })

    expect(fieldBox(wrapper, 'host').text()).toContain('is required')
    expect(fieldBox(wrapper, 'host').text()).not.toContain('The host name.')
    expect(fieldBox(wrapper, 'tls').text()).toContain('must be true or false')
    expect(fieldBox(wrapper, 'tags').text()).toContain('too many')
    expect(fieldBox(wrapper, 'notes').find('.q-field--error').exists()).toBe(false)
  })

  describe('secrets', () => {
    it('shows the mask of a stored secret and keeps it unless a new one is typed', () => {
      const wrapper = mountForm(
        { ...initialConfig(schema), token: SECRET_MASK },
        { storedSecrets: ['token'] },
      )

      expect((field(wrapper, 'token').element as HTMLInputElement).value).toBe(SECRET_MASK)
      expect(fieldBox(wrapper, 'token').text()).toContain('A secret is stored')
      expect(model(wrapper).token).toBe(SECRET_MASK)
      expect(wrapper.find('[data-testid="config-field-token-keep"]').exists()).toBe(false)
    })

    it('replaces the mask with what is typed, even when typed after it', async () => {
      const wrapper = mountForm(
        { ...initialConfig(schema), token: SECRET_MASK },
        { storedSecrets: ['token'] },
      )

      await field(wrapper, 'token').setValue(`${SECRET_MASK}n`)
      expect(model(wrapper).token).toBe('n')

      await field(wrapper, 'token').setValue('new-secret')
      expect(model(wrapper).token).toBe('new-secret')
    })

    it('empties a masked secret when part of the mask is deleted', async () => {
      const wrapper = mountForm(
        { ...initialConfig(schema), token: SECRET_MASK },
        { storedSecrets: ['token'] },
      )

      await field(wrapper, 'token').setValue(SECRET_MASK.slice(1))
      expect(model(wrapper).token).toBe('')
    })

    it('goes back to the stored secret with "Keep the stored secret"', async () => {
      const wrapper = mountForm(
        { ...initialConfig(schema), token: 'typed' },
        { storedSecrets: ['token'] },
      )

      await wrapper.get('[data-testid="config-field-token-keep"]').trigger('click')
      expect(model(wrapper).token).toBe(SECRET_MASK)
    })

    it('shows and hides the secret', async () => {
      const wrapper = mountForm({ ...initialConfig(schema), token: 'abc' })
      const toggle = wrapper.get('[data-testid="config-field-token-toggle"]')

      expect(toggle.attributes('aria-label')).toBe('Show secret')
      await toggle.trigger('click')
      expect(field(wrapper, 'token').attributes('type')).toBe('text')
      expect(
        wrapper.get('[data-testid="config-field-token-toggle"]').attributes('aria-label'),
      ).toBe('Hide secret')
      await wrapper.get('[data-testid="config-field-token-toggle"]').trigger('click')
      expect(field(wrapper, 'token').attributes('type')).toBe('password')
    })

    it('offers no "keep" button for a secret of a new instance', () => {
      const wrapper = mountForm({ ...initialConfig(schema), token: 'typed' })

      expect(wrapper.find('[data-testid="config-field-token-keep"]').exists()).toBe(false)
      expect(fieldBox(wrapper, 'token').text()).not.toContain('A secret is stored')
    })
  })
})
