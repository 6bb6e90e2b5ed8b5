import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { Quasar, QSelect } from 'quasar'
import PluginsConnectorDialog from './PluginsConnectorDialog.vue'
import { ProblemError } from '@/api/problem'
import { factories, failedResult, okResult, s3Instance } from '@/testing/connectorFixtures'
import type { ConnectionTestResult, ConnectorInstance } from '@/types/connectors'

let wrapper: VueWrapper | undefined

async function mountDialog(
  props: {
    instance?: ConnectorInstance | null
    error?: ProblemError | null
    testResult?: ConnectionTestResult | null
  } = {},
) {
  wrapper = mount(PluginsConnectorDialog, {
    props: { modelValue: false, factories, instance: null, ...props },
    global: { plugins: [Quasar] },
    attachTo: document.body,
  })
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

const byTestId = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`)
const fieldBlock = (id: string) => byTestId(id)!.closest('.q-field') as HTMLElement
const input = (id: string) => byTestId(id) as HTMLInputElement

async function type(id: string, value: string) {
  const element = input(id)
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

function unprocessable(errors: { pointer: string; detail: string }[]): ProblemError {
  return new ProblemError({
    type: 'about:blank',
    title: 'Invalid connector',
    status: 422,
    detail: 'The connector settings are invalid.',
    errors,
  })
}

describe('PluginsConnectorDialog', () => {
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
    document.body.innerHTML = ''
  })

  it('edits an instance with kind, factory and id locked and the secret masked', async () => {
    const dialog = await mountDialog({ instance: s3Instance })

    expect(document.body.textContent).toContain('Edit MinIO')
    expect(input('connector-id').value).toBe('minio')
    expect(input('connector-id').disabled).toBe(true)
    expect(fieldBlock('connector-kind').classList).toContain('q-field--disabled')
    expect(fieldBlock('connector-factory').classList).toContain('q-field--disabled')
    expect(fieldBlock('connector-factory').textContent).toContain('S3 / MinIO')
    expect(input('config-field-bucket').value).toBe('media')
    expect(input('config-field-secretKey').value).toBe('********')

    await type('connector-name', 'MinIO (lab)')
    byTestId('connector-save')!.click()
    await flushPromises()

    expect(dialog.emitted('save')).toEqual([
      [
        {
          id: 'minio',
          kind: 'data-connector',
          factoryId: 's3',
          displayName: 'MinIO (lab)',
          config: { ...s3Instance.config },
        },
        false,
      ],
    ])
  })

  it('sends a newly typed secret instead of the mask', async () => {
    const dialog = await mountDialog({ instance: s3Instance })

    await type('config-field-secretKey', 'wrong-secret')
    byTestId('connector-save')!.click()
    await flushPromises()

    const [request] = dialog.emitted<[{ config: Record<string, string> }]>('save')![0]!
    expect(request.config.secretKey).toBe('wrong-secret')
  })

  it('shows the server field errors under the matching fields, and others in a banner', async () => {
    await mountDialog({
      instance: s3Instance,
      error: unprocessable([
        { pointer: '/config/bucket', detail: 'must be 3 to 63 lowercase letters' },
        { pointer: '/config/secretKey', detail: 'is required' },
        { pointer: '/displayName', detail: 'is at most 80 characters' },
        { pointer: '/config/colour', detail: 'is not a setting of this connector' },
      ]),
    })

    expect(fieldBlock('config-field-bucket').textContent).toContain(
      'must be 3 to 63 lowercase letters',
    )
    expect(fieldBlock('config-field-bucket').classList).toContain('q-field--error')
    expect(fieldBlock('config-field-secretKey').textContent).toContain('is required')
    expect(fieldBlock('connector-name').textContent).toContain('is at most 80 characters')
    expect(fieldBlock('config-field-region').classList).not.toContain('q-field--error')
    const banner = byTestId('connector-dialog-error')!
    expect(banner.textContent).toContain('Setting “colour” is not a setting of this connector')
    expect(banner.textContent).not.toContain('bucket')
  })

  it('shows the id error under the id and a conflict without field errors in the banner', async () => {
    await mountDialog({
      error: unprocessable([{ pointer: '/id', detail: 'use 2 to 40 lowercase letters' }]),
    })
    expect(fieldBlock('connector-id').textContent).toContain('use 2 to 40 lowercase letters')
    expect(byTestId('connector-dialog-error')).toBeNull()
    wrapper!.unmount()

    await mountDialog({
      error: new ProblemError({
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        detail: "A connector with id 'minio' exists.",
        errors: [],
      }),
    })
    expect(byTestId('connector-dialog-error')!.textContent).toContain(
      "A connector with id 'minio' exists.",
    )
  })

  it('generates the form of the picked factory, with defaults, description and capabilities', async () => {
    const dialog = await mountDialog()
    const [kindSelect, factorySelect] = dialog.findAllComponents(QSelect)

    expect(byTestId('connector-save')!.hasAttribute('disabled')).toBe(true)
    kindSelect!.vm.$emit('update:modelValue', 'data-connector')
    await flushPromises()
    expect(byTestId('config-field-bucket')).toBeNull()
    factorySelect!.vm.$emit('update:modelValue', 's3')
    await flushPromises()

    const info = byTestId('connector-factory-info')!
    expect(info.textContent).toContain('S3-compatible server such as MinIO')
    expect([...info.querySelectorAll('.q-chip')].map((chip) => chip.textContent?.trim())).toEqual([
      'LIST',
      'PRESIGNED_URLS',
      'RANGES',
    ])
    expect(input('config-field-region').value).toBe('us-east-1')
    expect(byTestId('config-field-pathStyle')!.getAttribute('aria-checked')).toBe('true')
    expect(input('config-field-secretKey').value).toBe('')
    expect(byTestId('dialog-connector-test')).toBeNull()

    await type('connector-id', 'lab-minio')
    await type('connector-name', 'Lab MinIO')
    await type('config-field-bucket', 'media')
    byTestId('connector-save')!.click()
    await flushPromises()

    expect(dialog.emitted('save')![0]).toEqual([
      {
        id: 'lab-minio',
        kind: 'data-connector',
        factoryId: 's3',
        displayName: 'Lab MinIO',
        config: {
          region: 'us-east-1',
          bucket: 'media',
          pathStyle: 'true',
          createBucket: 'false',
          partSize: '8',
        },
      },
      true,
    ])
  })

  it('links the documentation of a factory that has one', async () => {
    const dialog = await mountDialog()
    const [kindSelect] = dialog.findAllComponents(QSelect)
    kindSelect!.vm.$emit('update:modelValue', 'experiment-connector')
    await flushPromises()

    // The only experiment factory is picked on its own.
    expect(byTestId('connector-factory-docs')!.getAttribute('href')).toBe(
      'https://mlflow.org/docs/latest/',
    )
    expect(byTestId('config-field-trackingUri')).not.toBeNull()
  })

  it('tests the saved settings of an instance, not unsaved changes', async () => {
    const dialog = await mountDialog({ instance: s3Instance, testResult: okResult })

    expect(byTestId('connector-test-result')!.textContent).toContain('Connected · 123 ms')
    byTestId('dialog-connector-test')!.click()
    await flushPromises()
    expect(dialog.emitted('test')).toEqual([['minio']])

    await type('config-field-bucket', 'other')
    expect(byTestId('dialog-connector-test')!.hasAttribute('disabled')).toBe(true)
    expect(document.body.textContent).toContain('save your changes first')

    await dialog.setProps({ testResult: failedResult })
    expect(byTestId('connector-test-result')!.textContent).toContain('Connection refused')
  })
})
