import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { fetchAbout, fetchPlugins } from '@/api/about'
import { ProblemError, toProblemError } from '@/api/problem'
import { useAuthStore } from '@/stores/auth'
import type { AboutInfo, PluginInfo } from '@/types/about'

/** Server information and, for administrators, the installed plugins, shown on the About page. */
export const useAboutStore = defineStore('about', () => {
  const about = ref<AboutInfo | null>(null)
  const plugins = ref<PluginInfo[]>([])
  /** Whether `plugins` was loaded (only administrators may list plugins). */
  const pluginsLoaded = ref(false)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ProblemError | null>(null)

  const hasPlugins = computed(() => plugins.value.length > 0)

  /** Counts resets: an answer to a request made before the last one is dropped. */
  let generation = 0

  async function load(): Promise<void> {
    const own = generation
    // Read when loading, not at setup: the user may have signed in or out since.
    const includePlugins = useAuthStore().isAdmin
    loading.value = true
    error.value = null
    try {
      const [aboutInfo, pluginList] = await Promise.all([
        fetchAbout(),
        includePlugins ? fetchPlugins() : Promise.resolve([]),
      ])
      if (own === generation) {
        about.value = aboutInfo
        plugins.value = pluginList
        pluginsLoaded.value = includePlugins
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

  /**
   * Forgets the plugin list, which only administrators may read (signed out, or another user
   * signed in); the server information is the same for everyone and stays.
   */
  function $reset(): void {
    generation++
    plugins.value = []
    pluginsLoaded.value = false
    loading.value = false
  }

  return { about, plugins, pluginsLoaded, loading, loaded, error, hasPlugins, load, $reset }
})
