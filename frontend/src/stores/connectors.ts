import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { fetchPlugins } from '@/api/about'
import * as connectorsApi from '@/api/connectors'
import { NETWORK_ERROR_STATUS, ProblemError, toProblemError } from '@/api/problem'
import type { PluginInfo } from '@/types/about'
import type {
  ConnectionTestResult,
  ConnectorFactoryInfo,
  ConnectorInstance,
  ConnectorInstanceRequest,
} from '@/types/connectors'

async function orProblem<T>(request: Promise<T>): Promise<T> {
  try {
    return await request
  } catch (caught) {
    throw toProblemError(caught)
  }
}

/**
 * The Plugins console: installed plugins, the connector factories they offer and the configured
 * connector instances, with the results of the last connection test per instance.
 */
export const useConnectorsStore = defineStore('connectors', () => {
  const plugins = ref<PluginInfo[]>([])
  const factories = ref<ConnectorFactoryInfo[]>([])
  const instances = ref<ConnectorInstance[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ProblemError | null>(null)
  /** The last connection test per instance id; cleared when the instance changes. */
  const testResults = ref<Record<string, ConnectionTestResult>>({})
  /** Instance ids whose connection test is running. */
  const testing = ref<Record<string, boolean>>({})

  const activeDataConnector = computed(
    () =>
      instances.value.find((instance) => instance.kind === 'data-connector' && instance.active) ??
      null,
  )

  /** Counts resets: an answer to a request made before the last one is dropped. */
  let generation = 0

  async function load(): Promise<void> {
    const own = generation
    loading.value = true
    error.value = null
    try {
      const [pluginList, factoryList, instanceList] = await Promise.all([
        fetchPlugins(),
        connectorsApi.fetchConnectorFactories(),
        connectorsApi.fetchConnectors(),
      ])
      if (own === generation) {
        plugins.value = pluginList
        factories.value = factoryList
        instances.value = instanceList
        loaded.value = true
      }
    } catch (caught) {
      if (own === generation) {
        error.value = toProblemError(caught)
      }
    } finally {
      if (own === generation) {
        loading.value = false
      }
    }
  }

  function forgetTest(id: string): void {
    const { [id]: _removed, ...rest } = testResults.value
    testResults.value = rest
  }

  function replace(updated: ConnectorInstance): void {
    const index = instances.value.findIndex((instance) => instance.id === updated.id)
    if (index < 0) {
      instances.value = [...instances.value, updated]
    } else {
      instances.value = instances.value.map((instance, i) => (i === index ? updated : instance))
    }
  }

  // Changes throw a ProblemError for the dialog or page that made them.

  async function create(request: ConnectorInstanceRequest): Promise<ConnectorInstance> {
    const created = await orProblem(connectorsApi.createConnector(request))
    replace(created)
    return created
  }

  async function update(id: string, request: ConnectorInstanceRequest): Promise<ConnectorInstance> {
    const updated = await orProblem(connectorsApi.updateConnector(id, request))
    replace(updated)
    // The last test was of the old settings.
    forgetTest(id)
    return updated
  }

  async function remove(id: string): Promise<void> {
    await orProblem(connectorsApi.deleteConnector(id))
    instances.value = instances.value.filter((instance) => instance.id !== id)
    forgetTest(id)
  }

  /**
   * Tests the saved settings of an instance. A failed check is a result; so is a request that
   * failed (unknown instance, server unreachable), so that the row always shows why.
   */
  async function test(id: string): Promise<ConnectionTestResult> {
    testing.value = { ...testing.value, [id]: true }
    forgetTest(id)
    let result: ConnectionTestResult
    try {
      result = await connectorsApi.testConnector(id)
    } catch (caught) {
      const problem = toProblemError(caught)
      result = {
        ok: false,
        retryable: problem.status === NETWORK_ERROR_STATUS || problem.status >= 500,
        detail: problem.detail ?? problem.title,
        durationMs: 0,
      }
    } finally {
      const { [id]: _done, ...rest } = testing.value
      testing.value = rest
    }
    testResults.value = { ...testResults.value, [id]: result }
    return result
  }

  /** Makes a data connector the one new media and bundles are stored in. */
  async function activate(id: string): Promise<ConnectorInstance> {
    const activated = await orProblem(connectorsApi.activateConnector(id))
    instances.value = instances.value.map((instance) =>
      instance.id === activated.id
        ? activated
        : instance.kind === activated.kind && instance.active
          ? { ...instance, active: false }
          : instance,
    )
    return activated
  }

  /** Forgets plugins, connectors and test results (signed out, or another user signed in). */
  function $reset(): void {
    generation++
    plugins.value = []
    factories.value = []
    instances.value = []
    loading.value = false
    loaded.value = false
    error.value = null
    testResults.value = {}
    testing.value = {}
  }

  return {
    $reset,
    plugins,
    factories,
    instances,
    loading,
    loaded,
    error,
    testResults,
    testing,
    activeDataConnector,
    load,
    create,
    update,
    remove,
    test,
    activate,
  }
})
