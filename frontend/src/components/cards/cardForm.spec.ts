import { describe, expect, it } from 'vitest'
import {
  emptyForm,
  firstStepWithErrors,
  formFromCard,
  formFromDraft,
  fromLocalInput,
  inputFromCard,
  inputFromForm,
  isWizardDraft,
  newArtifact,
  patchFromForm,
  rebaseDraftForm,
  stepForPointer,
  taskChoices,
  unsignedDocument,
  validateAll,
  validateStep,
  valueAtPointer,
} from './cardForm'
import { createMergePatch } from './mergePatch'
import { resnetCard } from '@/testing/cardFixtures'

describe('stepForPointer', () => {
  it.each([
    ['/title', 'basics'],
    ['/slug', 'basics'],
    ['/task', 'basics'],
    ['/tags/3', 'basics'],
    ['/frameworks', 'basics'],
    ['/limitations', 'basics'],
    ['/ownerDisplayName', 'basics'],
    ['/pointOfContact', 'basics'],
    ['/body', 'body'],
    ['/performance', 'performance'],
    ['/artifacts/2/url', 'links'],
    ['/experiment/externalId', 'links'],
    ['/dataset', 'links'],
    ['/demo/mediaId', 'demo'],
    ['/visibility', 'review'],
    ['/sharedWith/0', 'review'],
    ['/unknownField', 'review'],
    ['', 'review'],
  ])('maps %s to the %s step', (pointer, step) => {
    expect(stepForPointer(pointer)).toBe(step)
  })

  it('leads to the first step, in wizard order, that has an error', () => {
    expect(firstStepWithErrors(['/demo/appId', '/performance', '/artifacts/0/name'])).toBe(
      'performance',
    )
    expect(firstStepWithErrors(['/body', '/title'])).toBe('basics')
    expect(firstStepWithErrors([])).toBeNull()
  })
})

describe('validateStep', () => {
  const tasks = ['Computer Vision', 'NLP']

  it('needs a title and a listed task on the basics step', () => {
    expect(validateStep('basics', emptyForm(), { tasks })).toEqual({
      '/title': 'A title is required',
      '/task': 'Choose a task',
    })
    const form = emptyForm({ title: 'x'.repeat(121), task: 'Cooking' })
    expect(validateStep('basics', form, { tasks })).toEqual({
      '/title': 'At most 120 characters (now 121)',
      '/task': 'Choose one of the listed tasks',
    })
  })

  it('lets an edited card keep a task that is no longer listed, in any case', () => {
    const form = emptyForm({ title: 'T', task: 'speech' })
    expect(validateStep('basics', form, { tasks, keptTask: 'Speech' })).toEqual({})
    expect(validateStep('basics', form, { tasks, keptTask: 'Audio' })['/task']).toBe(
      'Choose one of the listed tasks',
    )
    expect(taskChoices(tasks, 'Speech')).toEqual(['Computer Vision', 'NLP', 'Speech'])
    expect(taskChoices(tasks, 'nlp')).toEqual(tasks)
  })

  it('holds the slug, artifacts and documents to the limits of the server', () => {
    const slug = emptyForm({ title: 'T', task: 'NLP', slug: 'a'.repeat(61) })
    expect(validateStep('basics', slug, { tasks, isNew: true })['/slug']).toBe(
      'At most 60 characters (now 61)',
    )
    expect(
      validateStep('basics', { ...slug, slug: 'a'.repeat(60) }, { tasks, isNew: true }),
    ).toEqual({})

    const links = emptyForm({
      artifacts: [
        newArtifact({
          type: 't'.repeat(41),
          name: 'n'.repeat(201),
          url: `https://example.org/${'u'.repeat(1981)}`,
        }),
        newArtifact({ name: 'w', url: 's3://my_bucket/w.pt' }),
      ],
    })
    expect(validateStep('links', links)).toEqual({
      '/artifacts/0/type': 'At most 40 characters (now 41)',
      '/artifacts/0/name': 'At most 200 characters (now 201)',
      '/artifacts/0/url': 'At most 2000 characters (now 2001)',
      '/artifacts/1/url':
        'Needs a host name of letters, digits, hyphens and dots (no “_”), or an IP address',
    })

    const big = emptyForm({ body: `<p>${'x'.repeat(1_999_993)}</p>` })
    expect(validateStep('body', big)).toEqual({})
    big.body = `<p>${'x'.repeat(1_999_994)}</p>`
    expect(validateStep('body', big)).toEqual({
      '/body': 'Too large to save: 2,000,001 characters of HTML, at most 2,000,000',
    })
  })

  it('checks the slug of a new card only', () => {
    const form = emptyForm({ title: 'T', task: 'NLP', slug: 'Not A Slug' })
    expect(validateStep('basics', form, { tasks, isNew: true })['/slug']).toBeDefined()
    expect(validateStep('basics', form, { tasks, isNew: false })['/slug']).toBeUndefined()
  })

  it('checks each artifact row and the references on the links step', () => {
    const form = emptyForm({
      artifacts: [
        newArtifact({ name: 'weights', url: 's3://bucket/w.pt' }),
        newArtifact({ type: '', name: '', url: 'ftp://files/x' }),
      ],
      experiment: { connectorId: 'clearml', externalId: '' },
    })
    expect(validateStep('links', form)).toEqual({
      '/artifacts/1/type': 'Required',
      '/artifacts/1/name': 'Required',
      '/artifacts/1/url': 'Must be an http, https or s3 URL',
      '/experiment/externalId': 'Enter the id in the tracker, or clear the connector',
    })
  })

  it('needs the uploaded video or the app id of the chosen demo', () => {
    const video = emptyForm()
    video.demo.type = 'video'
    expect(validateStep('demo', video)).toEqual({
      '/demo/mediaId': 'Upload a video, or choose no demo',
    })
    const app = emptyForm()
    app.demo.type = 'app'
    expect(Object.keys(validateStep('demo', app))).toEqual(['/demo/appId'])
  })

  it('collects every step for Publish', () => {
    const form = emptyForm({ title: 'T' })
    form.demo.type = 'app'
    expect(Object.keys(validateAll(form, { tasks }))).toEqual(['/task', '/demo/appId'])
  })
})

describe('inputFromForm', () => {
  it('sends normalized labels, trimmed text, null for empty references and the demo shape', () => {
    const form = emptyForm({
      slug: 'my-model',
      title: '  My model ',
      task: 'NLP',
      tags: [' a ', 'A', 'b'],
      artifacts: [newArtifact({ name: 'w', url: ' https://x.org/w ', framework: ' ' })],
      dataset: { connectorId: ' mlflow ', externalId: ' ds-1 ' },
    })
    form.demo = { type: 'video', mediaId: 'm-1', appId: 'ignored', videoUrl: '/u', videoName: 'v' }

    const input = inputFromForm(form, { withSlug: true })

    expect(input).toMatchObject({
      slug: 'my-model',
      title: 'My model',
      tags: ['a', 'b'],
      artifacts: [{ type: 'model', name: 'w', url: 'https://x.org/w' }],
      experiment: null,
      dataset: { connectorId: 'mlflow', externalId: 'ds-1' },
      demo: { type: 'video', mediaId: 'm-1' },
    })
    expect(inputFromForm(form).slug).toBeUndefined()
  })
})

describe('patchFromForm (edit)', () => {
  it('is empty when nothing changed, even with timestamps and references', () => {
    expect(patchFromForm(resnetCard, formFromCard(resnetCard))).toEqual({})
  })

  it('holds only the changed fields', () => {
    const form = formFromCard(resnetCard)
    form.title = 'ResNet-50 v2'
    form.tags = [...form.tags, 'cnn']
    form.experiment = { connectorId: '', externalId: '' }

    expect(patchFromForm(resnetCard, form)).toEqual({
      title: 'ResNet-50 v2',
      tags: ['resnet', 'imagenet', 'cnn'],
      experiment: null,
    })
  })

  it('removes members that a nested object no longer has (RFC 7386)', () => {
    const videoCard = { ...resnetCard, demo: { type: 'video' as const, mediaId: 'm-1' } }
    const form = formFromCard(videoCard)
    form.demo.type = 'app'
    form.demo.appId = 'app-7'

    expect(patchFromForm(videoCard, form)).toEqual({
      demo: { type: 'app', mediaId: null, appId: 'app-7' },
    })
  })
})

describe('media signatures', () => {
  const signed = (exp: number) =>
    `<p><img src="/api/v1/media/m-1?exp=${exp}&amp;sig=s${exp}" alt="a"></p>` +
    `<video src="/api/v1/media/m-2?exp=${exp}&amp;sig=t${exp}" controls=""></video>`

  it('are left out of a document compared for changes', () => {
    expect(unsignedDocument(signed(1))).toBe(
      '<p><img src="/api/v1/media/m-1" alt="a"></p>' +
        '<video src="/api/v1/media/m-2" controls=""></video>',
    )
  })

  it('do not make an unchanged document part of the patch', () => {
    const card = { ...resnetCard, body: signed(1) }
    const form = formFromCard(card)
    form.body = signed(2)

    expect(patchFromForm(card, form)).toEqual({})
  })
})

describe('rebaseDraftForm', () => {
  const then = { ...resnetCard, version: 3 }
  const now = {
    ...resnetCard,
    version: 4,
    title: 'Renamed by Bob',
    tags: ['bob'],
    description: 'Bob wrote this.',
  }

  it("keeps the draft's changes and takes every other field from the current card", () => {
    const draft = formFromCard(then)
    draft.tags = ['alice']
    draft.usage = 'Call predict().'

    const { form, conflicts } = rebaseDraftForm(draft, then, now)

    expect(inputFromForm(form)).toEqual({
      ...inputFromCard(now),
      tags: ['alice'],
      usage: 'Call predict().',
    })
    expect(patchFromForm(now, form)).toEqual({ tags: ['alice'], usage: 'Call predict().' })
    expect(conflicts).toEqual(['tags'])
  })

  it('names no conflict where both made the same change', () => {
    const draft = formFromCard(then)
    draft.title = 'Renamed by Bob'

    expect(rebaseDraftForm(draft, then, now).conflicts).toEqual([])
  })
})

describe('createMergePatch', () => {
  it('replaces arrays whole and leaves equal members out', () => {
    expect(
      createMergePatch(
        { a: [1, 2], b: { c: 1, d: 2 }, e: 'x' },
        { a: [2], b: { c: 1, d: 3 }, e: 'x' },
      ),
    ).toEqual({ a: [2], b: { d: 3 } })
  })
})

describe('drafts', () => {
  it('recognises a wizard draft and completes an older form with defaults', () => {
    const saved = { title: 'Old draft', demo: { type: 'none' } }
    const draft = { schema: 1, step: 'links', form: saved, baseVersion: null }
    expect(isWizardDraft(draft)).toBe(true)
    expect(isWizardDraft({ schema: 2, step: 'links', form: {} })).toBe(false)
    expect(isWizardDraft({ schema: 1, step: 'nowhere', form: {} })).toBe(false)

    const form = formFromDraft(draft as never)
    expect(form.title).toBe('Old draft')
    expect(form.experiment).toEqual({ connectorId: '', externalId: '' })
    expect(form.demo.appId).toBe('')
  })

  it('finds the value a pointer names, for server errors', () => {
    const input = { tags: ['a', 'b'], demo: { type: 'app', appId: 'x/y' } }
    expect(valueAtPointer(input, '/tags/1')).toBe('b')
    expect(valueAtPointer(input, '/demo/appId')).toBe('x/y')
    expect(valueAtPointer(input, '/missing/deep')).toBeUndefined()
  })

  it('turns a local date and time into a UTC instant without milliseconds', () => {
    expect(fromLocalInput('')).toBe('')
    expect(fromLocalInput('2026-11-20T10:00')).toMatch(/^2026-11-2\dT\d\d:00:00Z$/)
  })
})
