import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { quasar, transformAssetUrls } from '@quasar/vite-plugin'

// The back end (Open Liberty) serves the REST API, health, metrics and OpenAPI on this origin.
const backendUrl = process.env.BACKEND_URL ?? 'http://localhost:9080'
const proxiedPaths = ['/api', '/health', '/metrics', '/openapi']

export default defineConfig({
  plugins: [vue({ template: { transformAssetUrls } }), quasar()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // Plyr's icon sprite, served by the app (plyr's package exports do not list it).
      {
        find: /^plyr-sprite(\?.*)?$/,
        replacement: `${fileURLToPath(new URL('./node_modules/plyr/dist/plyr.svg', import.meta.url))}$1`,
      },
    ],
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxiedPaths.map((path) => [path, { target: backendUrl }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
  },
})
