import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue') },
      { path: 'models', name: 'models', component: () => import('@/pages/ModelsPage.vue') },
      {
        path: 'models/:owner/:slug',
        name: 'model',
        component: () => import('@/pages/ModelDetailPage.vue'),
        props: true,
      },
      { path: 'about', name: 'about', component: () => import('@/pages/AboutPage.vue') },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/pages/NotFoundPage.vue'),
      },
    ],
  },
]
