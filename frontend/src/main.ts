import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { installQuasar } from './boot/quasar'
import { installErrorNotifications } from './boot/errors'
import { installAuthSession } from './boot/auth'
import { createAppRouter } from './router'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
installQuasar(app)
installErrorNotifications(app)
const pinia = createPinia()
app.use(pinia)
const auth = useAuthStore(pinia)
const router = createAppRouter(auth)
installAuthSession(auth, router)
app.use(router)
app.mount('#app')
