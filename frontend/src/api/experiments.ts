import type { AxiosInstance } from 'axios'
import type {
  Dataset,
  Experiment,
  ExperimentConnector,
  ExperimentSummary,
  TrackerPage,
} from '@/types/experiments'
import { apiClient } from './client'

const segment = encodeURIComponent

export async function fetchExperimentConnectors(
  client: AxiosInstance = apiClient,
): Promise<ExperimentConnector[]> {
  return (await client.get<ExperimentConnector[]>('/experiment-connectors')).data
}

/** One experiment; `fresh` reads the tracker again instead of the server's cached copy. */
export async function fetchExperiment(
  connector: string,
  id: string,
  client: AxiosInstance = apiClient,
  options: { fresh?: boolean } = {},
): Promise<Experiment> {
  return (
    await client.get<Experiment>(`/experiments/${segment(connector)}/${segment(id)}`, {
      params: options.fresh ? { fresh: true } : undefined,
    })
  ).data
}

export async function fetchDataset(
  connector: string,
  id: string,
  client: AxiosInstance = apiClient,
): Promise<Dataset> {
  return (await client.get<Dataset>(`/datasets/${segment(connector)}/${segment(id)}`)).data
}

export interface TrackerSearch {
  q?: string
  project?: string
  size?: number
  cursor?: string
}

/** Experiments of a connector that declares `search`. */
export async function searchExperiments(
  connector: string,
  search: TrackerSearch,
  client: AxiosInstance = apiClient,
): Promise<TrackerPage<ExperimentSummary>> {
  return (
    await client.get<TrackerPage<ExperimentSummary>>(`/experiments/${segment(connector)}`, {
      params: search,
    })
  ).data
}

/** Datasets of a connector that declares `datasets`. */
export async function searchDatasets(
  connector: string,
  search: TrackerSearch,
  client: AxiosInstance = apiClient,
): Promise<TrackerPage<Dataset>> {
  return (
    await client.get<TrackerPage<Dataset>>(`/datasets/${segment(connector)}`, { params: search })
  ).data
}
