import type { Router } from 'vue-router'
import { pageTitle } from '@/composables/usePageTitle'

/**
 * Sets `document.title` from the route's `meta.title` after each navigation to another page. A
 * navigation that changes only the query (a tab, a filter) keeps the title, which may be the
 * page's own (see usePageTitle).
 */
export function installPageTitles(router: Router): void {
  router.afterEach((to, from, failure) => {
    if (failure || (from.matched.length > 0 && to.path === from.path)) {
      return
    }
    document.title = pageTitle(to.meta.title)
  })
}
