import { ref } from 'vue'
import { defineStore } from 'pinia'
import * as experimentsApi from '@/api/experiments'
import { ProblemError, toProblemError } from '@/api/problem'
import type { ExternalRef } from '@/types/cards'
import type { Dataset, Experiment, ExperimentConnector } from '@/types/experiments'

/** 503 UNAVAILABLE and 504 TIMEOUT: the tracker did not answer; trying again may work. */
export function isTrackerUnavailable(error: ProblemError | null): boolean {
  return error !== null && (error.status === 503 || error.status === 504)
}

/**
 * Experiments and datasets from the trackers behind the experiment connectors: the connector list
 * (for the wizard) and the experiment and dataset a card links (for its Experiment tab).
 */
export const useExperimentsStore = defineStore('experiments', () => {
  const connectors = ref<ExperimentConnector[]>([])
  const connectorsLoading = ref(false)
  const connectorsLoaded = ref(false)
  const connectorsError = ref<ProblemError | null>(null)

  const experiment = ref<Experiment | null>(null)
  const experimentLoading = ref(false)
  const experimentError = ref<ProblemError | null>(null)

  const dataset = ref<Dataset | null>(null)
  const datasetLoading = ref(false)
  const datasetError = ref<ProblemError | null>(null)

  let latestExperiment = 0
  let latestDataset = 0
  /** Counts resets: an answer to a request made before the last one is dropped. */
  let generation = 0

  /** The connector list, loaded once (again after a failure). */
  async function loadConnectors(): Promise<void> {
    if (connectorsLoaded.value || connectorsLoading.value) {
      return
    }
    const own = generation
    connectorsLoading.value = true
    connectorsError.value = null
    try {
      const answer = await experimentsApi.fetchExperimentConnectors()
      if (own === generation) {
        connectors.value = answer
        connectorsLoaded.value = true
      }
    } catch (caught) {
      if (own === generation) {
        connectorsError.value = toProblemError(caught)
      }
    } finally {
      if (own === generation) {
        connectorsLoading.value = false
      }
    }
  }

  async function loadExperiment(link: ExternalRef | null): Promise<void> {
    const request = ++latestExperiment
    experiment.value = null
    experimentError.value = null
    if (!link) {
      experimentLoading.value = false
      return
    }
    experimentLoading.value = true
    try {
      const answer = await experimentsApi.fetchExperiment(link.connectorId, link.externalId)
      if (request === latestExperiment) {
        experiment.value = answer
      }
    } catch (caught) {
      if (request === latestExperiment) {
        experimentError.value = toProblemError(caught)
      }
    } finally {
      if (request === latestExperiment) {
        experimentLoading.value = false
      }
    }
  }

  async function loadDataset(link: ExternalRef | null): Promise<void> {
    const request = ++latestDataset
    dataset.value = null
    datasetError.value = null
    if (!link) {
      datasetLoading.value = false
      return
    }
    datasetLoading.value = true
    try {
      const answer = await experimentsApi.fetchDataset(link.connectorId, link.externalId)
      if (request === latestDataset) {
        dataset.value = answer
      }
    } catch (caught) {
      if (request === latestDataset) {
        datasetError.value = toProblemError(caught)
      }
    } finally {
      if (request === latestDataset) {
        datasetLoading.value = false
      }
    }
  }

  /** Forgets connectors, experiment and dataset (signed out, or another user signed in). */
  function $reset(): void {
    generation++
    latestExperiment++
    latestDataset++
    connectors.value = []
    connectorsLoading.value = false
    connectorsLoaded.value = false
    connectorsError.value = null
    experiment.value = null
    experimentLoading.value = false
    experimentError.value = null
    dataset.value = null
    datasetLoading.value = false
    datasetError.value = null
  }

  return {
    $reset,
    connectors,
    connectorsLoading,
    connectorsLoaded,
    connectorsError,
    experiment,
    experimentLoading,
    experimentError,
    dataset,
    datasetLoading,
    datasetError,
    loadConnectors,
    loadExperiment,
    loadDataset,
  }
})
