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

  async function load(): Promise<void> {
    // Read when loading, not at setup: the user may have signed in or out since.
    const includePlugins = useAuthStore().isAdmin
    loading.value = true
    error.value = null
    try {
      const [aboutInfo, pluginList] = await Promise.all([
        fetchAbout(),
        includePlugins ? fetchPlugins() : Promise.resolve([]),
      ])
      about.value = aboutInfo
      plugins.value = pluginList
      pluginsLoaded.value = includePlugins
      loaded.value = true
    } catch (caught) {
      error.value = toProblemError(caught)
    } finally {
      loading.value = false
    }
  }

  return { about, plugins, pluginsLoaded, loading, loaded, error, hasPlugins, load }
})
