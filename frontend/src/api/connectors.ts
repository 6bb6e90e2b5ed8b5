import type { AxiosInstance } from 'axios'
import type {
  ConnectionTestResult,
  ConnectorFactoryInfo,
  ConnectorInstance,
  ConnectorInstanceRequest,
} from '@/types/connectors'
import { apiClient } from './client'

const instancePath = (id: string) => `/admin/connectors/${encodeURIComponent(id)}`

export async function fetchConnectorFactories(
  client: AxiosInstance = apiClient,
): Promise<ConnectorFactoryInfo[]> {
  return (await client.get<ConnectorFactoryInfo[]>('/connector-factories')).data
}

export async function fetchConnectors(
  client: AxiosInstance = apiClient,
): Promise<ConnectorInstance[]> {
  return (await client.get<ConnectorInstance[]>('/admin/connectors')).data
}

export async function createConnector(
  request: ConnectorInstanceRequest,
  client: AxiosInstance = apiClient,
): Promise<ConnectorInstance> {
  return (await client.post<ConnectorInstance>('/admin/connectors', request)).data
}

export async function updateConnector(
  id: string,
  request: ConnectorInstanceRequest,
  client: AxiosInstance = apiClient,
): Promise<ConnectorInstance> {
  return (await client.put<ConnectorInstance>(instancePath(id), request)).data
}

export async function deleteConnector(
  id: string,
  client: AxiosInstance = apiClient,
): Promise<void> {
  await client.delete(instancePath(id))
}

export async function testConnector(
  id: string,
  client: AxiosInstance = apiClient,
): Promise<ConnectionTestResult> {
  return (await client.post<ConnectionTestResult>(`${instancePath(id)}/test`)).data
}

export async function activateConnector(
  id: string,
  client: AxiosInstance = apiClient,
): Promise<ConnectorInstance> {
  return (await client.post<ConnectorInstance>(`${instancePath(id)}/activate`)).data
}
