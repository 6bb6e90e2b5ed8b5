/** A registered webhook; `secret` is always the mask `********` in answers. */
export interface Webhook {
  id: string
  url: string
  secret: string
  events: string[]
  enabled: boolean
  createdAt: string
  updatedAt: string
  /** Grows by one on every change; a change sends it back as `If-Match`. */
  version: number
}

export interface WebhookList {
  items: Webhook[]
  eventTypes: string[]
}

/** What the dialog sends; on an update, an omitted secret keeps the stored one. */
export interface WebhookInput {
  url: string
  secret?: string
  events: string[]
  enabled: boolean
}

export interface WebhookAttempt {
  at: string
  status: number | null
  error: string | null
  durationMs: number
}

export interface WebhookDelivery {
  id: string
  type: string
  state: 'pending' | 'delivered' | 'failed'
  occurredAt: string
  attempts: number
  nextAttemptAt: string | null
  deliveredAt: string | null
  log: WebhookAttempt[]
}
