import type { RouteRecordRaw } from 'vue-router'

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: () => import('@/layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue') },
      {
        path: 'models',
        name: 'models',
        component: () => import('@/pages/ModelsPage.vue'),
        meta: { title: 'Models' },
      },
      {
        path: 'models/new',
        name: 'model-new',
        component: () => import('@/pages/CardWizardPage.vue'),
        meta: { title: 'New model card', requiresAuth: true },
      },
      {
        path: 'models/:owner/:slug',
        name: 'model',
        component: () => import('@/pages/CardPage.vue'),
        props: true,
        meta: { title: 'Model card' },
      },
      {
        path: 'models/:owner/:slug/edit',
        name: 'model-edit',
        component: () => import('@/pages/CardWizardPage.vue'),
        props: true,
        meta: { title: 'Edit model card', requiresAuth: true },
      },
      {
        path: 'about',
        name: 'about',
        component: () => import('@/pages/AboutPage.vue'),
        meta: { title: 'About' },
      },
      {
        path: 'sign-in',
        name: 'sign-in',
        component: () => import('@/pages/SignInPage.vue'),
        meta: { title: 'Sign in', guestOnly: true },
      },
      {
        path: 'auth/callback',
        name: 'auth-callback',
        component: () => import('@/pages/AuthCallbackPage.vue'),
        meta: { title: 'Signing in' },
      },
      {
        path: 'account/password',
        name: 'account-password',
        component: () => import('@/pages/ChangePasswordPage.vue'),
        meta: { title: 'Change password', requiresAuth: true },
      },
      {
        path: 'account/tokens',
        name: 'account-tokens',
        component: () => import('@/pages/ApiTokensPage.vue'),
        meta: { title: 'API tokens', requiresAuth: true },
      },
      {
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('@/pages/AdminUsersPage.vue'),
        meta: { title: 'Users', requiresAdmin: true },
      },
      {
        path: 'admin/plugins',
        name: 'admin-plugins',
        component: () => import('@/pages/AdminPluginsPage.vue'),
        meta: { title: 'Plugins', requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/jobs',
        name: 'admin-jobs',
        component: () => import('@/pages/AdminJobsPage.vue'),
        meta: { title: 'Exports and imports', requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/cards',
        name: 'admin-cards',
        component: () => import('@/pages/AdminCardsPage.vue'),
        meta: { title: 'Cards', requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/audit',
        name: 'admin-audit',
        component: () => import('@/pages/AdminAuditPage.vue'),
        meta: { title: 'Audit log', requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'admin/webhooks',
        name: 'admin-webhooks',
        component: () => import('@/pages/AdminWebhooksPage.vue'),
        meta: { title: 'Webhooks', requiresAuth: true, requiresAdmin: true },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/pages/ForbiddenPage.vue'),
        meta: { title: 'Not allowed' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/pages/NotFoundPage.vue'),
        meta: { title: 'Page not found' },
      },
    ],
  },
]
