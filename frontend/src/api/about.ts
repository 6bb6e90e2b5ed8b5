import type { AxiosInstance } from 'axios'
import type { AboutInfo, PluginInfo } from '@/types/about'
import { apiClient } from './client'

export async function fetchAbout(client: AxiosInstance = apiClient): Promise<AboutInfo> {
  const response = await client.get<AboutInfo>('/about')
  return response.data
}

export async function fetchPlugins(client: AxiosInstance = apiClient): Promise<PluginInfo[]> {
  const response = await client.get<PluginInfo[]>('/plugins')
  return response.data
}
