import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { installPageTitles } from './pageTitle'
import { routes } from './routes'

const Page = { template: '<div />' }

function routerWithTitles() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'home', component: Page },
      { path: '/models', component: Page, meta: { title: 'Models' } },
      { path: '/models/:owner/:slug', component: Page, meta: { title: 'Model card' } },
    ],
  })
  installPageTitles(router)
  return router
}

function named(records: RouteRecordRaw[]): RouteRecordRaw[] {
  return records.flatMap((record) => [
    ...(record.name ? [record] : []),
    ...named(record.children ?? []),
  ])
}

describe('page titles', () => {
  beforeEach(() => {
    document.title = 'before'
  })

  it('names the app alone on the start page', async () => {
    const router = routerWithTitles()

    await router.push('/')

    expect(document.title).toBe('AI App Store')
  })

  it('puts the route’s title before the app’s name', async () => {
    const router = routerWithTitles()
    await router.push('/')

    await router.push('/models')

    expect(document.title).toBe('Models · AI App Store')
  })

  it('keeps a title the page set when only the query changes', async () => {
    const router = routerWithTitles()
    await router.push('/models/alice/resnet')
    document.title = 'ResNet · AI App Store'

    await router.push('/models/alice/resnet?tab=history')

    expect(document.title).toBe('ResNet · AI App Store')
    await router.push('/models')
    expect(document.title).toBe('Models · AI App Store')
  })

  it('gives every page of the app but the start page a title', () => {
    const untitled = named(routes)
      .filter((record) => !record.meta?.title)
      .map((record) => record.name)

    expect(untitled).toEqual(['home'])
  })
})
