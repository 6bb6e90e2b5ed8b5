import type {
  Artifact,
  Card,
  CardInput,
  CardPatch,
  Demo,
  ExternalRef,
  Visibility,
} from '@/types/cards'
import { labelsProblem, normalizeLabel, normalizeLabels } from './cardLabels'
import { artifactUrlProblem } from './cardUrls'
import { createMergePatch, jsonEqual } from './mergePatch'

/** The steps of the card wizard, in order. */
export const WIZARD_STEPS = ['basics', 'body', 'performance', 'links', 'demo', 'review'] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

export const STEP_LABELS: Record<WizardStep, string> = {
  basics: 'Basics',
  body: 'Description',
  performance: 'Performance',
  links: 'Links',
  demo: 'Demo',
  review: 'Review',
}

export const TITLE_MAX = 120
export const SECTION_MAX = 5000
export const DISPLAY_NAME_MAX = 120
export const CONTACT_MAX = 200
export const ARTIFACTS_MAX = 50
/** core/app Slugs.MAX_LENGTH */
export const SLUG_MAX = 60
/** core/app CardJson: an artifact's type and framework (labels), name and URL. */
export const ARTIFACT_TYPE_MAX = 40
export const ARTIFACT_NAME_MAX = 200
export const ARTIFACT_URL_MAX = 2000
/** core/app CardJson.DOCUMENT_MAX: the HTML of a rich document, in UTF-16 units. */
export const DOCUMENT_MAX = 2_000_000

/** One artifact row being edited; `key` only keeps the rows apart in the list. */
export interface ArtifactForm {
  key: string
  type: string
  name: string
  url: string
  framework: string
  /** ISO-8601 UTC instant or ''. */
  timestamp: string
}

export type DemoType = Demo['type']

/** Everything the wizard edits; saved as it is in the server draft. */
export interface CardForm {
  slug: string
  title: string
  task: string
  tags: string[]
  frameworks: string[]
  description: string
  explanation: string
  usage: string
  limitations: string
  ownerDisplayName: string
  pointOfContact: string
  body: string
  performance: string
  artifacts: ArtifactForm[]
  experiment: ExternalRef
  dataset: ExternalRef
  demo: {
    type: DemoType
    appId: string
    mediaId: string
    /** A URL to preview the video with (signed upload answer); not sent. */
    videoUrl: string
    /** The uploaded file's name, for the summary; not sent. */
    videoName: string
  }
  visibility: Visibility
  sharedWith: string[]
}

let artifactKeys = 0
export function newArtifact(partial: Partial<ArtifactForm> = {}): ArtifactForm {
  artifactKeys += 1
  return {
    type: 'model',
    name: '',
    url: '',
    framework: '',
    timestamp: '',
    ...partial,
    key: partial.key ?? `artifact-${Date.now().toString(36)}-${artifactKeys}`,
  }
}

export function emptyForm(defaults: Partial<CardForm> = {}): CardForm {
  return {
    slug: '',
    title: '',
    task: '',
    tags: [],
    frameworks: [],
    description: '',
    explanation: '',
    usage: '',
    limitations: '',
    ownerDisplayName: '',
    pointOfContact: '',
    body: '',
    performance: '',
    artifacts: [],
    experiment: { connectorId: '', externalId: '' },
    dataset: { connectorId: '', externalId: '' },
    demo: { type: 'none', appId: '', mediaId: '', videoUrl: '', videoName: '' },
    visibility: 'public',
    sharedWith: [],
    ...defaults,
  }
}

/** The form of an existing card. */
export function formFromCard(card: Card): CardForm {
  return emptyForm({
    title: card.title,
    task: card.task,
    tags: [...card.tags],
    frameworks: [...card.frameworks],
    description: card.description,
    explanation: card.explanation,
    usage: card.usage,
    limitations: card.limitations,
    ownerDisplayName: card.ownerDisplayName,
    pointOfContact: card.pointOfContact,
    body: card.body,
    performance: card.performance,
    artifacts: card.artifacts.map((artifact) =>
      newArtifact({
        type: artifact.type,
        name: artifact.name,
        url: artifact.url,
        framework: artifact.framework ?? '',
        timestamp: artifact.timestamp ?? '',
      }),
    ),
    experiment: { ...(card.experiment ?? { connectorId: '', externalId: '' }) },
    dataset: { ...(card.dataset ?? { connectorId: '', externalId: '' }) },
    demo: {
      type: card.demo.type,
      appId: card.demo.type === 'app' ? card.demo.appId : '',
      mediaId: card.demo.type === 'video' ? card.demo.mediaId : '',
      videoUrl: card.demo.type === 'video' ? (card.demo.url ?? '') : '',
      videoName: '',
    },
    visibility: card.visibility,
    sharedWith: [...card.sharedWith],
  })
}

function reference(ref: ExternalRef): ExternalRef | null {
  const connectorId = ref.connectorId.trim()
  const externalId = ref.externalId.trim()
  return connectorId || externalId ? { connectorId, externalId } : null
}

function artifact(row: ArtifactForm): Artifact {
  const result: Artifact = { type: row.type.trim(), name: row.name.trim(), url: row.url.trim() }
  if (row.framework.trim()) {
    result.framework = row.framework.trim()
  }
  if (row.timestamp) {
    result.timestamp = row.timestamp
  }
  return result
}

function demo(form: CardForm['demo']): Demo {
  switch (form.type) {
    case 'app':
      return { type: 'app', appId: form.appId.trim() }
    case 'video':
      return { type: 'video', mediaId: form.mediaId }
    default:
      return { type: 'none' }
  }
}

/** The card input the form stands for (what create sends; the target of an edit's patch). */
export function inputFromForm(form: CardForm, options: { withSlug?: boolean } = {}): CardInput {
  const input: CardInput = {
    title: form.title.trim(),
    task: form.task,
    tags: normalizeLabels(form.tags),
    frameworks: normalizeLabels(form.frameworks),
    description: form.description.trim(),
    explanation: form.explanation.trim(),
    usage: form.usage.trim(),
    limitations: form.limitations.trim(),
    ownerDisplayName: form.ownerDisplayName.trim(),
    pointOfContact: form.pointOfContact.trim(),
    body: form.body,
    performance: form.performance,
    artifacts: form.artifacts.map(artifact),
    experiment: reference(form.experiment),
    dataset: reference(form.dataset),
    demo: demo(form.demo),
    visibility: form.visibility,
    sharedWith: [...form.sharedWith],
  }
  if (options.withSlug && form.slug.trim()) {
    input.slug = form.slug.trim()
  }
  return input
}

/** The writable part of a card as the server sent it. */
export function inputFromCard(card: Card): CardInput {
  return {
    title: card.title,
    task: card.task,
    tags: card.tags,
    frameworks: card.frameworks,
    description: card.description,
    explanation: card.explanation,
    usage: card.usage,
    limitations: card.limitations,
    ownerDisplayName: card.ownerDisplayName,
    pointOfContact: card.pointOfContact,
    body: card.body,
    performance: card.performance,
    artifacts: card.artifacts,
    experiment: card.experiment,
    dataset: card.dataset,
    demo: demo(formFromCard(card).demo),
    visibility: card.visibility,
    sharedWith: card.sharedWith,
  }
}

/**
 * A rich document without the signatures of its media URLs (`/api/v1/media/{id}?exp=…&sig=…`):
 * the server signs them anew every hour and stores the plain path, so two documents that differ
 * only in them are the same content.
 */
export function unsignedDocument(html: string): string {
  return html.replace(/(\/api\/v1\/media\/[^"'?\s>]+)\?[^"'\s>]*/g, '$1')
}

const DOCUMENT_FIELDS = ['body', 'performance'] as const

/** The writable fields of a card, as the form holds them (the slug is fixed after creation). */
const CARD_FIELDS = [
  'title',
  'task',
  'tags',
  'frameworks',
  'description',
  'explanation',
  'usage',
  'limitations',
  'ownerDisplayName',
  'pointOfContact',
  'body',
  'performance',
  'artifacts',
  'experiment',
  'dataset',
  'demo',
  'visibility',
  'sharedWith',
] as const satisfies readonly (keyof CardInput & keyof CardForm)[]

type CardField = (typeof CARD_FIELDS)[number]

/** Whether a field has the same content in both inputs (media signatures aside). */
function sameField(a: CardInput, b: CardInput, field: CardField): boolean {
  if ((DOCUMENT_FIELDS as readonly string[]).includes(field)) {
    return unsignedDocument(String(a[field])) === unsignedDocument(String(b[field]))
  }
  return jsonEqual(a[field], b[field])
}

/**
 * The merge patch of an edit: only what the user changed relative to the card as it was when the
 * wizard opened, so that changes made meanwhile by someone else to other fields are kept.
 */
export function patchFromForm(base: Card, form: CardForm): CardPatch {
  const source = inputFromCard(base)
  const target = inputFromForm(form)
  for (const field of DOCUMENT_FIELDS) {
    if (sameField(source, target, field)) {
      target[field] = source[field]
    }
  }
  return createMergePatch(
    source as unknown as Record<string, unknown>,
    target as unknown as Record<string, unknown>,
  ) as CardPatch
}

/** A draft of an edit carried over to the card as it is now. */
export interface RebasedDraft {
  form: CardForm
  /** Fields both the draft and someone else changed: the draft's value is kept. */
  conflicts: CardField[]
}

/**
 * The form of an edit draft made on an older version of the card (`draftBase`), carried over to
 * the current card: the fields the draft changed keep the draft's value, every other field takes
 * the current card's. The wizard then edits the current card, so Publish sends only the draft's
 * changes and keeps what others changed meanwhile.
 */
export function rebaseDraftForm(draft: CardForm, draftBase: Card, current: Card): RebasedDraft {
  const drafted = inputFromForm(draft)
  const before = inputFromCard(draftBase)
  const now = inputFromCard(current)
  const form = formFromCard(current)
  const conflicts: CardField[] = []
  for (const field of CARD_FIELDS) {
    if (sameField(drafted, before, field)) {
      continue
    }
    Object.assign(form, { [field]: JSON.parse(JSON.stringify(draft[field])) as unknown })
    if (!sameField(now, before, field) && !sameField(now, drafted, field)) {
      conflicts.push(field)
    }
  }
  return { form, conflicts }
}

/** How the wizard names a card field in messages. */
export const FIELD_LABELS: Record<CardField, string> = {
  title: 'Title',
  task: 'Task',
  tags: 'Tags',
  frameworks: 'Frameworks',
  description: 'Description',
  explanation: 'Explanation',
  usage: 'Usage',
  limitations: 'Limitations',
  ownerDisplayName: 'Owner name',
  pointOfContact: 'Point of contact',
  body: 'Overview',
  performance: 'Performance',
  artifacts: 'Artifacts',
  experiment: 'Experiment',
  dataset: 'Dataset',
  demo: 'Demo',
  visibility: 'Visibility',
  sharedWith: 'Shared with',
}

const STEP_OF_FIELD: Record<string, WizardStep> = {
  slug: 'basics',
  title: 'basics',
  task: 'basics',
  tags: 'basics',
  frameworks: 'basics',
  description: 'basics',
  explanation: 'basics',
  usage: 'basics',
  limitations: 'basics',
  ownerDisplayName: 'basics',
  pointOfContact: 'basics',
  body: 'body',
  performance: 'performance',
  artifacts: 'links',
  experiment: 'links',
  dataset: 'links',
  demo: 'demo',
  visibility: 'review',
  sharedWith: 'review',
}

/** The step that shows the field a JSON pointer of the server names (`/tags/3` → basics). */
export function stepForPointer(pointer: string): WizardStep {
  const field = pointer.split('/')[1] ?? ''
  const unescaped = field.replace(/~1/g, '/').replace(/~0/g, '~')
  return STEP_OF_FIELD[unescaped] ?? 'review'
}

/** The first step, in wizard order, that one of these pointers belongs to. */
export function firstStepWithErrors(pointers: readonly string[]): WizardStep | null {
  const steps = new Set(pointers.map(stepForPointer))
  return WIZARD_STEPS.find((step) => steps.has(step)) ?? null
}

/** Field messages by JSON pointer, as the server would send them. */
export type FieldMessages = Record<string, string>

function maxLength(errors: FieldMessages, pointer: string, value: string, max: number): void {
  if (value.trim().length > max) {
    errors[pointer] = `At most ${max} characters (now ${value.trim().length})`
  }
}

/** Options of the validation: the listed tasks, whether the card is new, the edited card's task. */
export interface ValidationOptions {
  tasks?: readonly string[]
  isNew?: boolean
  /**
   * The task of the card being edited: it may keep it even after an admin took it off the list
   * (the server accepts it, ignoring case).
   */
  keptTask?: string
}

const sameTask = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** The tasks to choose from: the listed ones and, when no longer listed, the edited card's own. */
export function taskChoices(tasks: readonly string[], keptTask = ''): string[] {
  return keptTask && !tasks.some((task) => sameTask(task, keptTask))
    ? [...tasks, keptTask]
    : [...tasks]
}

function validateBasics(
  form: CardForm,
  tasks: readonly string[],
  isNew: boolean,
  keptTask: string,
): FieldMessages {
  const errors: FieldMessages = {}
  if (!form.title.trim()) {
    errors['/title'] = 'A title is required'
  }
  maxLength(errors, '/title', form.title, TITLE_MAX)
  if (isNew && form.slug.trim() && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(form.slug.trim())) {
    errors['/slug'] = 'Lowercase letters and digits separated by single hyphens'
  } else if (isNew) {
    maxLength(errors, '/slug', form.slug, SLUG_MAX)
  }
  if (!form.task) {
    errors['/task'] = 'Choose a task'
  } else if (
    tasks.length > 0 &&
    !taskChoices(tasks, keptTask).some((t) => sameTask(t, form.task))
  ) {
    errors['/task'] = 'Choose one of the listed tasks'
  }
  const tags = labelsProblem(form.tags, 'tags')
  if (tags) {
    errors['/tags'] = tags
  }
  const frameworks = labelsProblem(form.frameworks, 'frameworks')
  if (frameworks) {
    errors['/frameworks'] = frameworks
  }
  for (const field of ['description', 'explanation', 'usage', 'limitations'] as const) {
    maxLength(errors, `/${field}`, form[field], SECTION_MAX)
  }
  maxLength(errors, '/ownerDisplayName', form.ownerDisplayName, DISPLAY_NAME_MAX)
  maxLength(errors, '/pointOfContact', form.pointOfContact, CONTACT_MAX)
  return errors
}

function validateReference(errors: FieldMessages, field: string, ref: ExternalRef): void {
  const connectorId = ref.connectorId.trim()
  const externalId = ref.externalId.trim()
  if (connectorId && !externalId) {
    errors[`/${field}/externalId`] = 'Enter the id in the tracker, or clear the connector'
  }
  if (externalId && !connectorId) {
    errors[`/${field}/connectorId`] = 'Enter the connector, or clear the id'
  }
}

function validateLinks(form: CardForm): FieldMessages {
  const errors: FieldMessages = {}
  if (form.artifacts.length > ARTIFACTS_MAX) {
    errors['/artifacts'] = `At most ${ARTIFACTS_MAX} artifacts`
  }
  form.artifacts.forEach((row, index) => {
    const at = `/artifacts/${index}`
    if (!row.type.trim()) {
      errors[`${at}/type`] = 'Required'
    }
    maxLength(errors, `${at}/type`, row.type, ARTIFACT_TYPE_MAX)
    if (!row.name.trim()) {
      errors[`${at}/name`] = 'Required'
    }
    maxLength(errors, `${at}/name`, row.name, ARTIFACT_NAME_MAX)
    if (!row.url.trim()) {
      errors[`${at}/url`] = 'Required'
    } else {
      const problem = artifactUrlProblem(row.url)
      if (problem) {
        errors[`${at}/url`] = problem
      }
      maxLength(errors, `${at}/url`, row.url, ARTIFACT_URL_MAX)
    }
    if (normalizeLabel(row.framework).length > 40) {
      errors[`${at}/framework`] = 'At most 40 characters'
    }
  })
  validateReference(errors, 'experiment', form.experiment)
  validateReference(errors, 'dataset', form.dataset)
  return errors
}

/** The HTML of a rich document against the server's limit (what is sent, signatures included). */
function validateDocument(field: 'body' | 'performance', form: CardForm): FieldMessages {
  const size = form[field].length
  return size > DOCUMENT_MAX
    ? {
        [`/${field}`]:
          `Too large to save: ${size.toLocaleString('en')} characters of HTML, ` +
          `at most ${DOCUMENT_MAX.toLocaleString('en')}`,
      }
    : {}
}

function validateDemo(form: CardForm): FieldMessages {
  const errors: FieldMessages = {}
  if (form.demo.type === 'video' && !form.demo.mediaId) {
    errors['/demo/mediaId'] = 'Upload a video, or choose no demo'
  }
  if (form.demo.type === 'app' && !form.demo.appId.trim()) {
    errors['/demo/appId'] = 'Deploy a preview, or choose no demo'
  }
  return errors
}

/** The client-side rules of one step (the server checks again). */
export function validateStep(
  step: WizardStep,
  form: CardForm,
  options: ValidationOptions = {},
): FieldMessages {
  switch (step) {
    case 'basics':
      return validateBasics(
        form,
        options.tasks ?? [],
        options.isNew ?? false,
        options.keptTask ?? '',
      )
    case 'body':
    case 'performance':
      return validateDocument(step, form)
    case 'links':
      return validateLinks(form)
    case 'demo':
      return validateDemo(form)
    default:
      return {}
  }
}

/** Every step's messages together, for Publish. */
export function validateAll(form: CardForm, options: ValidationOptions = {}): FieldMessages {
  return Object.assign({}, ...WIZARD_STEPS.map((step) => validateStep(step, form, options)))
}

/** The local date and time of an ISO instant, for `<input type="datetime-local">`. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso)
  if (!iso || Number.isNaN(date.getTime())) {
    return ''
  }
  const pad = (value: number) => String(value).padStart(2, '0')
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  )
}

/** An ISO UTC instant without milliseconds from a `datetime-local` value ('' stays ''). */
export function fromLocalInput(local: string): string {
  const date = new Date(local)
  return !local || Number.isNaN(date.getTime()) ? '' : date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** What the wizard keeps in its server draft. */
export interface WizardDraft {
  schema: 1
  step: WizardStep
  form: CardForm
  /** The version of the card the edit started from (null for a new card). */
  baseVersion: number | null
}

export function isWizardDraft(value: unknown): value is WizardDraft {
  if (value === null || typeof value !== 'object') {
    return false
  }
  const draft = value as Partial<WizardDraft>
  return (
    draft.schema === 1 &&
    typeof draft.form === 'object' &&
    draft.form !== null &&
    typeof draft.step === 'string' &&
    (WIZARD_STEPS as readonly string[]).includes(draft.step)
  )
}

/** The form of a draft, completed with defaults for anything an older draft did not have. */
export function formFromDraft(draft: WizardDraft): CardForm {
  const base = emptyForm()
  const saved = draft.form
  return {
    ...base,
    ...saved,
    experiment: { ...base.experiment, ...saved.experiment },
    dataset: { ...base.dataset, ...saved.dataset },
    demo: { ...base.demo, ...saved.demo },
    artifacts: (saved.artifacts ?? []).map((row) => newArtifact({ ...row, key: undefined })),
  }
}

/** The value a JSON pointer names inside a value, or undefined. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') {
    return value
  }
  let current: unknown = value
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (current === null || typeof current !== 'object') {
      return undefined
    }
    current = (current as Record<string, unknown>)[key]
  }
  return current
}
