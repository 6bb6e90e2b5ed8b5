import type { AxiosInstance } from 'axios'
import type { Webhook, WebhookDelivery, WebhookInput, WebhookList } from '@/types/webhooks'
import { apiClient } from './client'

const id = encodeURIComponent

export async function fetchWebhooks(client: AxiosInstance = apiClient): Promise<WebhookList> {
  return (await client.get<WebhookList>('/admin/webhooks')).data
}

export async function createWebhook(
  input: WebhookInput,
  client: AxiosInstance = apiClient,
): Promise<Webhook> {
  return (await client.post<Webhook>('/admin/webhooks', input)).data
}

/**
 * Replaces the webhook if it is still at `version` (the one last read), sent as `If-Match`: the
 * server answers 412 when someone changed it meanwhile (say, rotated its secret), 404 once deleted.
 */
export async function updateWebhook(
  webhookId: string,
  version: number,
  input: WebhookInput,
  client: AxiosInstance = apiClient,
): Promise<Webhook> {
  return (
    await client.put<Webhook>(`/admin/webhooks/${id(webhookId)}`, input, {
      headers: { 'If-Match': `"${version}"` },
    })
  ).data
}

export async function deleteWebhook(
  webhookId: string,
  client: AxiosInstance = apiClient,
): Promise<void> {
  await client.delete(`/admin/webhooks/${id(webhookId)}`)
}

/** Queues a `webhook.test` event; answers its delivery id. */
export async function testWebhook(
  webhookId: string,
  client: AxiosInstance = apiClient,
): Promise<string> {
  return (await client.post<{ deliveryId: string }>(`/admin/webhooks/${id(webhookId)}/test`)).data
    .deliveryId
}

export async function fetchDeliveries(
  webhookId: string,
  client: AxiosInstance = apiClient,
): Promise<WebhookDelivery[]> {
  return (
    await client.get<{ items: WebhookDelivery[] }>(`/admin/webhooks/${id(webhookId)}/deliveries`)
  ).data.items
}
