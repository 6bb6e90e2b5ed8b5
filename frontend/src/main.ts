import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { installQuasar } from './boot/quasar'
import { installErrorNotifications } from './boot/errors'
import { createAppRouter } from './router'

const app = createApp(App)
installQuasar(app)
installErrorNotifications(app)
app.use(createPinia())
app.use(createAppRouter())
app.mount('#app')
