import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue') },
      { path: 'models', name: 'models', component: () => import('@/pages/ModelsPage.vue') },
      {
        path: 'models/new',
        name: 'model-new',
        component: () => import('@/pages/CardWizardPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: 'models/:owner/:slug',
        name: 'model',
        component: () => import('@/pages/CardPage.vue'),
        props: true,
      },
      {
        path: 'models/:owner/:slug/edit',
        name: 'model-edit',
        component: () => import('@/pages/CardWizardPage.vue'),
        props: true,
        meta: { requiresAuth: true },
      },
      { path: 'about', name: 'about', component: () => import('@/pages/AboutPage.vue') },
      {
        path: 'sign-in',
        name: 'sign-in',
        component: () => import('@/pages/SignInPage.vue'),
        meta: { guestOnly: true },
      },
      {
        path: 'auth/callback',
        name: 'auth-callback',
        component: () => import('@/pages/AuthCallbackPage.vue'),
      },
      {
        path: 'account/password',
        name: 'account-password',
        component: () => import('@/pages/ChangePasswordPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: 'account/tokens',
        name: 'account-tokens',
        component: () => import('@/pages/ApiTokensPage.vue'),
        meta: { requiresAuth: true },
      },
      {
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('@/pages/AdminUsersPage.vue'),
        meta: { requiresAdmin: true },
      },
      {
        path: 'admin/plugins',
        name: 'admin-plugins',
        component: () => import('@/pages/AdminPluginsPage.vue'),
        meta: { requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/jobs',
        name: 'admin-jobs',
        component: () => import('@/pages/AdminJobsPage.vue'),
        meta: { requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/cards',
        name: 'admin-cards',
        component: () => import('@/pages/AdminCardsPage.vue'),
        meta: { requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/audit',
        name: 'admin-audit',
        component: () => import('@/pages/AdminAuditPage.vue'),
        meta: { requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/webhooks',
        name: 'admin-webhooks',
        component: () => import('@/pages/AdminWebhooksPage.vue'),
        meta: { requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/pages/ForbiddenPage.vue'),
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/pages/NotFoundPage.vue'),
      },
    ],
  },
]
