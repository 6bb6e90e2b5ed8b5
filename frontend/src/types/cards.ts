/** Types of the model-cards contract (docs/api/model-cards.md). */

/** A user as cards show them: owner, revision author, share list, lookup result. */
export interface UserRef {
  id: string
  username: string
  displayName: string
}

/** An experiment or dataset in a tracker, reached through an experiment connector instance. */
export interface ExternalRef {
  connectorId: string
  externalId: string
}

/** A file produced with the model; `url` is http, https or s3. */
export interface Artifact {
  type: string
  name: string
  url: string
  framework?: string
  /** ISO-8601 UTC instant, e.g. `2026-11-20T10:00:00Z`. */
  timestamp?: string
}

export type Demo =
  | { type: 'none' }
  | { type: 'app'; appId: string }
  | {
      type: 'video'
      mediaId: string
      /**
       * A signed URL to play the video without an Authorization header. NOT in the contract yet:
       * used when the server sends it, otherwise the video is fetched through the API client.
       */
      url?: string
    }

export type Visibility = 'public' | 'private'

export interface CardPermissions {
  edit: boolean
  delete: boolean
}

/** The writable fields of a card (the body of POST and PUT, the base of a merge patch). */
export interface CardInput {
  /** Create only; derived from the title when absent. */
  slug?: string
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
  /** Sanitized HTML (see Rich documents). */
  body: string
  performance: string
  artifacts: Artifact[]
  experiment: ExternalRef | null
  dataset: ExternalRef | null
  demo: Demo
  visibility: Visibility
  sharedWith: string[]
}

/** `GET /api/v1/models/{owner}/{slug}` */
export interface Card extends Omit<CardInput, 'slug'> {
  id: string
  slug: string
  owner: UserRef
  sharedUsers: UserRef[]
  createdAt: string
  updatedAt: string
  version: number
  permissions: CardPermissions
}

/** One entry of the card list. */
export interface CardSummary {
  id: string
  slug: string
  owner: UserRef
  title: string
  task: string
  tags: string[]
  frameworks: string[]
  /** At most 300 characters. */
  description: string
  visibility: Visibility
  demo: Demo
  updatedAt: string
  version: number
}

export interface CardPage {
  items: CardSummary[]
  total: number
  page: number
  size: number
}

export interface CardListParams {
  owner?: string
  page: number
  size: number
  /** Filters from the query string; passed on as they are (see README: not in the contract yet). */
  tags?: string[]
  frameworks?: string[]
  task?: string
}

/** One entry of a card's history; number 1 is the creation. */
export interface Revision {
  number: number
  /** The card version it produced. */
  version: number
  author: UserRef
  createdAt: string
  /** Names of the fields that changed (all set fields for number 1). */
  fields: string[]
  /** The revision this one restored, or null. */
  restoredFrom: number | null
}

/** `GET …/revisions/{number}`: the revision and the card as it was then. */
export interface RevisionDetail {
  revision: Revision
  card: Card
}

/** A card and the ETag of the answer that carried it (the If-Match of the next write). */
export interface VersionedCard {
  card: Card
  etag: string | null
}

/** JSON merge patch (RFC 7386) of card input: members set to null are removed. */
export type CardPatch = { [K in keyof CardInput]?: CardInput[K] | null }

/** `GET /api/v1/drafts/{key}`: one per user and key (`new` or a card id). */
export interface Draft<T = Record<string, unknown>> {
  key: string
  content: T
  updatedAt: string
}

/** `POST /api/v1/media` */
export interface MediaFile {
  id: string
  /** Signed: usable at once in `<img>` and `<video>`. */
  url: string
  contentType: string
  kind: 'image' | 'video'
  size: number
  sha256: string
  name: string
  createdAt: string
}
