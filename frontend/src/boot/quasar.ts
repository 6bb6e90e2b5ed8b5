import type { App } from 'vue'
import { Dark, LocalStorage, Notify, Quasar } from 'quasar'
import { applyDarkModePreference } from '@/composables/useDarkMode'

import '@quasar/extras/material-icons/material-icons.css'
import 'quasar/src/css/index.sass'
import '@/css/app.css'
import '@/css/rich-document.css'

export function installQuasar(app: App): void {
  app.use(Quasar, {
    plugins: { Dark, LocalStorage, Notify },
    config: {
      notify: { position: 'top-right', timeout: 6000 },
    },
  })
  applyDarkModePreference()
}
