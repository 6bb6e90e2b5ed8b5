// Browser test of search and discovery, run with `node --test e2e/` against a running server (BASE_URL)
// whose first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD. Creates three cards through the
// API (distinct tasks and tags, a word unique to the run in their titles), searches them on /models,
// narrows by a tag facet, opens the copied address in a new page, goes back, and opens a card through
// the quick search. The cards are deleted through the API afterwards.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { BASE_URL, TIMEOUT_MS, byTestId, launchChromium, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

/** Letters and digits only, so the search analyser keeps it as one word. */
const RUN = `srch${Date.now().toString(36)}`
const TITLE_PREFIX = `Search ${RUN}`
const RED = `red${RUN}`
const BLUE = `blue${RUN}`

let browser
let headers
/** The cards made for this run: `{ key, owner, slug }`. */
const cards = []

async function api(path, init = {}) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...headers, ...init.headers },
  })
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`)
  }
  return response.status === 204 ? null : response.json()
}

async function signInThroughApi() {
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  })
  assert.ok(login.ok, `the administrator could not sign in through the API (${login.status})`)
  const { accessToken } = await login.json()
  headers = { authorization: `Bearer ${accessToken}` }
}

/** Polls until `check` answers a truthy value; the search index follows writes asynchronously. */
async function eventually(description, check, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs
  let last
  for (;;) {
    last = await check()
    if (last) {
      return last
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${description}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

before(async () => {
  if (!ADMIN_PASSWORD) {
    return
  }
  browser = await launchChromium(chromium)
  await signInThroughApi()
  const tasks = await api('/tasks')
  assert.ok(tasks.length > 0, 'the server has no tasks configured')
  const task = (index) => tasks[index % tasks.length]
  const specs = [
    { key: 'falcon', task: task(0), tags: ['e2e-search', RED] },
    { key: 'heron', task: task(1), tags: ['e2e-search', BLUE] },
    { key: 'osprey', task: task(2), tags: ['e2e-search', RED, BLUE] },
  ]
  for (const spec of specs) {
    const card = await api('/models', {
      method: 'POST',
      body: JSON.stringify({
        title: `${TITLE_PREFIX} ${spec.key}`,
        task: spec.task,
        tags: spec.tags,
        frameworks: ['PyTorch'],
        description: `The ${spec.key} card of the search browser test.`,
        visibility: 'public',
      }),
    })
    cards.push({ key: spec.key, owner: card.owner.username, slug: card.slug })
  }
  // Written cards reach the index within about a second: wait until all three can be found.
  await eventually('the three cards in the search index', async () => {
    const result = await api(`/search/models?q=${RUN}`)
    return result.total === 3
  })
})

after(async () => {
  await browser?.close()
  if (ADMIN_PASSWORD) {
    await cleanUpThroughApi()
  }
})

async function cleanUpThroughApi() {
  try {
    await signInThroughApi()
    const list = await api('/models?owner=me&page=0&size=100')
    const left = list.items
      .filter((item) => item.title.startsWith(TITLE_PREFIX))
      .map((item) => ({ owner: item.owner.username, slug: item.slug }))
    const all = [...cards, ...left].filter(
      (card, index, every) =>
        every.findIndex((other) => other.owner === card.owner && other.slug === card.slug) ===
        index,
    )
    for (const card of all) {
      await fetch(
        `${BASE_URL}/api/v1/models/${encodeURIComponent(card.owner)}/${encodeURIComponent(card.slug)}`,
        { method: 'DELETE', headers },
      )
    }
  } catch (error) {
    console.error(`Could not clean up the cards of run ${RUN}:`, error)
  }
}

const cardOf = (key) => cards.find((card) => card.key === key)

/** Waits until the page says it found `count` models. */
async function totalIs(page, count) {
  await page.locator(`[data-testid="models-total"][data-total="${count}"]`).waitFor()
}

/** The slugs of the results on the page, sorted. */
async function resultSlugs(page) {
  const slugs = await page
    .locator('[data-testid="model-row"]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')))
  return slugs.sort()
}

const facetOption = (page, facet, value) =>
  page.locator(`[data-testid="facet-option"][data-facet="${facet}"][data-value="${value}"]`)

async function facetCount(page, facet, value) {
  return (await byTestId(facetOption(page, facet, value), 'facet-count').textContent()).trim()
}

describe('Search', { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD }, () => {
  it('finds cards by text, narrows them by a facet and keeps the view in the address', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/models')

      // Text: debounced, then in the query string; only this run's three cards have the word.
      await byTestId(page, 'models-search').fill(RUN)
      await page.waitForURL((url) => url.searchParams.get('q') === RUN)
      await totalIs(page, 3)
      assert.deepEqual(await resultSlugs(page), cards.map((card) => card.slug).sort())
      await page.locator('[data-testid="model-link"] mark').first().waitFor()
      assert.equal(await facetCount(page, 'tags', RED), '2')
      assert.equal(await facetCount(page, 'tags', BLUE), '2')
      assert.equal(await facetCount(page, 'tags', 'e2e-search'), '3')

      // A tag (AND): two cards remain, and the other counts follow.
      await byTestId(facetOption(page, 'tags', RED), 'facet-checkbox').click()
      await page.waitForURL((url) => url.searchParams.getAll('tags').includes(RED))
      await totalIs(page, 2)
      assert.deepEqual(
        await resultSlugs(page),
        [cardOf('falcon').slug, cardOf('osprey').slug].sort(),
      )
      assert.equal(await facetCount(page, 'tags', BLUE), '1')
      await page.locator(`[data-testid="models-filter-chip"][data-key="tags:${RED}"]`).waitFor()

      // The list layout, then the same address in a new page shows the same view.
      await byTestId(page, 'models-view-toggle').getByRole('button', { name: 'List' }).click()
      await page.waitForURL((url) => url.searchParams.get('view') === 'list')
      const address = page.url()
      const copy = await page.context().newPage()
      try {
        await copy.goto(address)
        await totalIs(copy, 2)
        assert.deepEqual(await resultSlugs(copy), await resultSlugs(page))
        assert.equal(await byTestId(copy, 'models-search').inputValue(), RUN)
        assert.equal(await facetOption(copy, 'tags', RED).getAttribute('data-selected'), 'true')
        assert.equal(await byTestId(copy, 'models-list').getAttribute('data-layout'), 'list')
      } finally {
        await copy.close()
      }

      // Back: the grid, then the search without the tag.
      await page.goBack()
      await page.waitForURL((url) => url.searchParams.get('view') === null)
      await page.goBack()
      await page.waitForURL((url) => url.searchParams.getAll('tags').length === 0)
      await totalIs(page, 3)
      assert.equal(await facetOption(page, 'tags', RED).getAttribute('data-selected'), 'false')
    })
  })

  it('opens a card from the quick search, with / and the keyboard', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/')
      await byTestId(page, 'app-title').click()

      await page.keyboard.press('/')
      const input = byTestId(page, 'quick-search-input')
      await input.waitFor()
      await input.pressSequentially(`${RUN} osp`)
      const osprey = cardOf('osprey')
      // Earlier answers (for fewer letters) may show more options for a moment: wait for the last.
      await page.waitForFunction((slug) => {
        const options = document.querySelectorAll('[data-testid="quick-search-option"]')
        return (
          options.length === 1 &&
          options[0].getAttribute('data-kind') === 'title' &&
          options[0].getAttribute('data-slug') === slug
        )
      }, osprey.slug)

      await input.press('ArrowDown')
      assert.equal(
        await page.locator('[data-testid="quick-search-option"]').getAttribute('aria-selected'),
        'true',
      )
      await input.press('Enter')

      await page.waitForURL(`${BASE_URL}/models/${osprey.owner}/${osprey.slug}`)
      await page.waitForFunction(
        (title) =>
          document.querySelector('[data-testid="card-title"]')?.textContent?.trim() === title,
        `${TITLE_PREFIX} osprey`,
      )
    })
  })
})
