import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { fetchAbout, fetchPlugins } from '@/api/about'
import { ProblemError, toProblemError } from '@/api/problem'
import type { AboutInfo, PluginInfo } from '@/types/about'

/** Server information and installed plugins, shown on the About page. */
export const useAboutStore = defineStore('about', () => {
  const about = ref<AboutInfo | null>(null)
  const plugins = ref<PluginInfo[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<ProblemError | null>(null)

  const hasPlugins = computed(() => plugins.value.length > 0)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const [aboutInfo, pluginList] = await Promise.all([fetchAbout(), fetchPlugins()])
      about.value = aboutInfo
      plugins.value = pluginList
      loaded.value = true
    } catch (caught) {
      error.value = toProblemError(caught)
    } finally {
      loading.value = false
    }
  }

  return { about, plugins, loading, loaded, error, hasPlugins, load }
})
