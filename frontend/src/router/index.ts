import { createRouter, createWebHistory, type Router } from 'vue-router'
import { routes } from './routes'
import { authGuard, type GuardSession } from './guards'
import { installPageTitles } from './pageTitle'

export function createAppRouter(session: GuardSession): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ left: 0, top: 0 }),
  })
  router.beforeEach((to) => authGuard(to, session))
  installPageTitles(router)
  return router
}
