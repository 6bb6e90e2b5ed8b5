/** Types of the experiments contract (docs/api/experiments.md). */
import type { ChartFigure } from '@/components/editor/chartFigure'

export type ExperimentCapability =
  'scalars' | 'plots' | 'artifacts' | 'datasets' | 'search' | 'clone'

/** `GET /api/v1/experiment-connectors`: what users may link cards to (no configuration). */
export interface ExperimentConnector {
  id: string
  displayName: string
  factoryId: string
  /** False when the connector's plugin is not loaded. */
  available: boolean
  capabilities: string[]
}

export type ExperimentStatus =
  'created' | 'queued' | 'running' | 'completed' | 'failed' | 'stopped' | 'published' | 'unknown'

export interface ProjectRef {
  id?: string
  name?: string
}

/** One element of an experiment search. */
export interface ExperimentSummary {
  connectorId: string
  id: string
  name: string
  project: ProjectRef
  owner?: string
  status: ExperimentStatus | string
  created?: string
  tags: string[]
  webUrl?: string
}

export interface ExperimentMetric {
  metric: string
  variant?: string
  /** Null when the tracker reported no finite value. */
  value: number | null
}

export interface ExperimentPlot {
  title?: string
  figure: ChartFigure
}

export interface TrackerArtifact {
  type?: string
  name?: string
  url?: string
  framework?: string
  size?: number
}

/** `GET /api/v1/experiments/{connector}/{id}` */
export interface Experiment extends ExperimentSummary {
  frameworks: string[]
  parameters: Record<string, string | number | boolean>
  latestMetrics: ExperimentMetric[]
  /** One Plotly figure per scalar metric. */
  scalars: ChartFigure[]
  plots: ExperimentPlot[]
  artifacts: TrackerArtifact[]
  /** When the server read this copy from the tracker (ISO-8601 UTC). */
  fetchedAt?: string
}

/** `GET /api/v1/datasets/{connector}/{id}` */
export interface Dataset {
  connectorId: string
  id: string
  name: string
  project: ProjectRef
  version?: string
  tags: string[]
  files?: { count: number; totalSize: number; firstEntries: string[] }
  artifacts: TrackerArtifact[]
  webUrl?: string
}

/** A page of a tracker search. */
export interface TrackerPage<T> {
  items: T[]
  nextCursor?: string | null
}
