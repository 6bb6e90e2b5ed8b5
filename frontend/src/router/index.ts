import { createRouter, createWebHistory, type Router } from 'vue-router'
import { routes } from './routes'

export function createAppRouter(): Router {
  return createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: () => ({ left: 0, top: 0 }),
  })
}
