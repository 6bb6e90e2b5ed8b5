// Accessibility audit of the web app, run with `node --test e2e/` against a running server (BASE_URL)
// whose first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD. Runs axe-core (WCAG 2.0 and
// 2.1, levels A and AA) on the main views: sign-in, dashboard, search with and without results, a card
// with body content (an image, a table, a Plotly chart), every step of the card wizard, the quick search,
// the account pages, the admin pages and their dialogs. A test fails on any `serious` or `critical`
// violation and lists each one (rule, impact, targets, views); `moderate` and `minor` ones, and the
// findings of axe's best-practice rules (landmarks, heading order), are written to the log. It also
// checks a few keyboard paths by hand. No rule is disabled; one element of a third-party widget is left
// out (see THIRD_PARTY).
//
// axe is evaluated through the DevTools protocol (Playwright's `page.evaluate`), which the page's
// Content-Security-Policy does not apply to: the policy stays as strict as the server sends it.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { deflateSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, pickOption, until, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, adminApi, signIn } from './session.mjs'
import { wizardReady, nextStep } from './wizard.mjs'

const axeSource = createRequire(import.meta.url)('axe-core').source

/** Letters and digits only, so the search analyser keeps it as one word. */
const RUN = `axe${Date.now().toString(36)}`
const TITLE = `Accessible ${RUN}`
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
/** Reported in the log only. */
const ADVICE_TAGS = ['best-practice']
const FAILING_IMPACTS = new Set(['serious', 'critical'])

/**
 * Elements of third-party widgets left out of the audit (with their subtree; the rest of the view is
 * audited), each with why:
 * - the chart dialog's JSON editor (vanilla-jsoneditor, i.e. CodeMirror 6) scrolls its text in
 *   `.cm-scroller`, which axe finds "not focusable with no focusable content"
 *   (scrollable-region-focusable): the content inside it is CodeMirror's contenteditable, which axe
 *   does not count, and which the keyboard does reach (the wizard test below checks it with Tab).
 */
const THIRD_PARTY = ['[data-testid="chart-json-editor"] .cm-scroller']

let browser
let api
let card

/** A 24×24 teal PNG, for an image in the card's body. */
function tinyPng() {
  const size = 24
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (bytes) => {
    let c = 0xffffffff
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([length, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8
  header[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([0, 128, 128]))])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const FIGURE = {
  data: [{ type: 'bar', x: ['precision', 'recall'], y: [0.91, 0.87] }],
  layout: { title: { text: 'Validation' } },
}
const attribute = (value) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')
const BODY = [
  '<h2>Overview</h2>',
  '<p>A card for the <strong>accessibility</strong> test, with a <a href="https://example.org/">link</a>.</p>',
  '<ul><li>one</li><li>two</li></ul>',
  `<p><img src="data:image/png;base64,${tinyPng().toString('base64')}" alt="A teal square"></p>`,
  '<table><thead><tr><th>Metric</th><th>Value</th></tr></thead>',
  '<tbody><tr><td>F1</td><td>0.89</td></tr></tbody></table>',
].join('')
const PERFORMANCE = `<div data-type="chart" data-figure="${attribute(JSON.stringify(FIGURE))}" data-caption="Validation metrics"></div>`

before(async () => {
  if (!ADMIN_PASSWORD) {
    return
  }
  api = await adminApi(BASE_URL)
  const tasks = await api('GET', '/tasks')
  card = await api('POST', '/models', {
    title: TITLE,
    task: tasks[0],
    tags: ['e2e-a11y', RUN],
    frameworks: ['PyTorch'],
    description: 'A card made by the accessibility test.',
    body: BODY,
    performance: PERFORMANCE,
    artifacts: [{ type: 'model', name: 'weights.pt', url: 'https://example.org/weights.pt' }],
    visibility: 'public',
  })
  await until(
    async () => (await api('GET', `/search/models?q=${RUN}`)).total === 1,
    'the card in the search index',
  )
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  if (!api) {
    return
  }
  try {
    await api('DELETE', '/drafts/new').catch(() => {})
    if (card) {
      await api('DELETE', `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`)
    }
  } catch (error) {
    console.error(`Could not clean up the card of run ${RUN}:`, error)
  }
})

/**
 * Waits until Quasar's transitions have ended: a fading element has a colour between two others, and
 * axe would measure its contrast mid-way. That includes CSS colour transitions, such as a tab's label
 * turning from the active colour back to the inactive one; endless animations (spinners) are not
 * waited for.
 */
async function settled(page) {
  await page.waitForFunction(
    () =>
      document.querySelector('[class*="-enter-active"], [class*="-leave-active"]') === null &&
      document.querySelector('[aria-busy="true"]') === null &&
      document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== 'running' ||
            animation.effect?.getTiming().iterations === Infinity,
        ),
  )
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())))
}

/** Runs axe on the page as it is now; returns its violations, each naming `view`. */
async function audit(page, view) {
  await settled(page)
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource)
  }
  const violations = await page.evaluate(
    async ({ wcag, advice, exclude }) => {
      const context = { exclude: exclude.map((selector) => [selector]) }
      const result = await window.axe.run(context, {
        runOnly: { type: 'tag', values: [...wcag, ...advice] },
        resultTypes: ['violations'],
      })
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        wcag: violation.tags.some((tag) => wcag.includes(tag)),
        help: violation.help,
        nodes: violation.nodes.map((node) => ({
          target: node.target.join(' '),
          summary: node.failureSummary,
        })),
      }))
    },
    { wcag: WCAG_TAGS, advice: ADVICE_TAGS, exclude: THIRD_PARTY },
  )
  return violations.map((violation) => ({ ...violation, view }))
}

/**
 * One line per rule and element, naming every view it was found on: the shell (header, drawer) is on
 * every view, and its findings would otherwise repeat a dozen times.
 */
function describeViolations(violations) {
  const byRule = new Map()
  for (const violation of violations) {
    const key = `${violation.impact} ${violation.id}`
    const rule = byRule.get(key) ?? { ...violation, targets: new Map() }
    byRule.set(key, rule)
    for (const node of violation.nodes) {
      const target = rule.targets.get(node.target) ?? { summary: node.summary, views: [] }
      rule.targets.set(node.target, target)
      target.views.push(violation.view)
    }
  }
  return [...byRule.values()]
    .map((rule) => {
      const targets = [...rule.targets.entries()].map(
        ([target, { summary, views }]) =>
          `    - ${target}\n      on: ${views.join('; ')}\n      ${summary?.replaceAll('\n', '\n      ')}`,
      )
      const kind = rule.wcag ? '' : ' (best practice)'
      return `  [${rule.impact}] ${rule.id}${kind}: ${rule.help}\n${targets.join('\n')}`
    })
    .join('\n')
}

/**
 * Collects the violations of the views a test audits; `check()` logs the moderate and minor ones and
 * fails listing the serious and critical ones.
 */
function auditor() {
  const found = []
  return {
    async audit(page, view) {
      found.push(...(await audit(page, view)))
    },
    check() {
      const fails = (violation) => violation.wcag && FAILING_IMPACTS.has(violation.impact)
      const minor = found.filter((violation) => !fails(violation))
      if (minor.length > 0) {
        console.log(`Accessibility findings that do not fail:\n${describeViolations(minor)}`)
      }
      const failing = found.filter(fails)
      assert.equal(
        failing.length,
        0,
        `Serious or critical accessibility violations:\n${describeViolations(failing)}`,
      )
    },
  }
}

/** Opens `path` and waits for `ready` (a selector). */
async function visit(page, path, ready) {
  await page.goto(`${BASE_URL}${path}`)
  await page.locator(ready).first().waitFor()
}

/** Opens a dialog with the button `opener` (test id), audits it as `view`, and closes it with Esc. */
async function auditDialog(page, axe, opener, dialog, view) {
  await byTestId(page, opener).click()
  await byTestId(page, dialog).waitFor()
  await axe.audit(page, view)
  await page.keyboard.press('Escape')
  await byTestId(page, dialog).waitFor({ state: 'detached' })
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page, selector, limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.closest(s) != null, selector)) {
      return presses + 1
    }
  }
  throw new Error(`Tab did not reach ${selector} within ${limit} presses`)
}

const focusedTestId = (page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'))

describe('Accessibility', { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD }, () => {
  it('has no serious violations on the sign-in page and the public pages', async () => {
    await withPage(browser, async (page) => {
      const axe = auditor()
      await visit(page, '/sign-in', '[data-testid="sign-in-username"]')
      await axe.audit(page, 'sign-in')
      await visit(page, '/', '[data-testid="dashboard-sign-in"]')
      await axe.audit(page, 'home (signed out)')
      await visit(page, '/about', '[data-testid="plugins-admin-only"]')
      await axe.audit(page, 'about (signed out)')
      await visit(page, '/no-such-page', '[data-testid="not-found"]')
      await axe.audit(page, 'page not found')
      axe.check()
    })
  })

  it('has no serious violations on the dashboard, search, a card and the wizard', async () => {
    await withPage(browser, async (page) => {
      const axe = auditor()
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/')
      await page.locator('[data-testid="dashboard"]').waitFor()
      await axe.audit(page, 'dashboard /')
      await byTestId(page, 'user-menu').click()
      await byTestId(page, 'sign-out').waitFor()
      await axe.audit(page, 'dashboard / (account menu open)')
      await page.keyboard.press('Escape')
      await page.locator('.q-menu').waitFor({ state: 'detached' })

      await visit(page, `/models?q=${RUN}`, '[data-testid="models-total"][data-total="1"]')
      await axe.audit(page, 'search /models (results)')
      await byTestId(page, 'models-view-toggle').getByRole('button', { name: 'List' }).click()
      await page.locator('[data-testid="models-list"][data-layout="list"]').waitFor()
      await axe.audit(page, 'search /models (list layout)')

      await visit(page, `/models?q=nothing${RUN}`, '[data-testid="models-no-results"]')
      await axe.audit(page, 'search /models (no results)')

      const cardPath = `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`
      await visit(page, cardPath, '[data-testid="card-body"] img')
      await page.waitForFunction(
        () => document.querySelector('[data-testid="card-body"] img')?.complete,
      )
      await axe.audit(page, 'card (overview)')
      for (const tab of ['performance', 'metadata', 'artifacts', 'history']) {
        await byTestId(page, `card-tab-${tab}`).click()
        if (tab === 'performance') {
          await page.locator('[data-testid="chart"][data-rendered="true"]').waitFor()
        }
        await axe.audit(page, `card (${tab})`)
      }
      await byTestId(page, 'card-menu').click()
      await byTestId(page, 'card-delete').waitFor()
      await axe.audit(page, 'card (actions menu open)')
      await byTestId(page, 'card-visibility').click()
      await byTestId(page, 'card-sharing-dialog').waitFor()
      await axe.audit(page, 'card (visibility and sharing dialog)')
      await page.keyboard.press('Escape')
      await byTestId(page, 'card-sharing-dialog').waitFor({ state: 'detached' })

      await visit(page, '/models/new', '[data-testid="card-wizard"]')
      await wizardReady(page)
      await axe.audit(page, 'wizard /models/new (basics)')
      await byTestId(page, 'wizard-title').fill(`${TITLE} draft`)
      await pickOption(page, byTestId(page, 'wizard-task'), page.getByRole('option').first())
      await byTestId(page, 'wizard-description').fill('Not saved: the accessibility test.')
      await nextStep(page, 'body')
      await byTestId(page, 'editor-content').waitFor()
      await axe.audit(page, 'wizard /models/new (body)')
      await byTestId(page, 'editor-insert-chart').click()
      await page.locator('[data-testid="chart-json-editor"][data-ready="true"]').waitFor()
      await page.locator('[data-testid="chart-preview"][data-rendered="true"]').waitFor()
      await axe.audit(page, 'wizard /models/new (chart dialog)')
      // The JSON editor's text, left out of the audit above, is reached with the keyboard.
      await byTestId(page, 'chart-dialog').getByRole('button', { name: 'Close' }).focus()
      await tabTo(page, '[data-testid="chart-json-editor"] .cm-content')
      await byTestId(page, 'chart-dialog').getByRole('button', { name: 'Cancel' }).click()
      await byTestId(page, 'chart-dialog').waitFor({ state: 'detached' })
      for (const step of ['performance', 'links', 'demo', 'review']) {
        await nextStep(page, step)
        await axe.audit(page, `wizard /models/new (${step})`)
      }

      axe.check()
    })
  })

  it('has no serious violations in the quick search, the account and the admin pages', async () => {
    await withPage(browser, async (page) => {
      const axe = auditor()
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/')
      await page.locator('[data-testid="dashboard"]').waitFor()
      await byTestId(page, 'quick-search-open').click()
      const input = byTestId(page, 'quick-search-input')
      await input.waitFor()
      await input.pressSequentially(RUN)
      await byTestId(page, 'quick-search-option').first().waitFor()
      await axe.audit(page, 'quick search dialog')
      await input.press('Escape')
      await byTestId(page, 'quick-search').waitFor({ state: 'detached' })

      await visit(page, '/account/tokens', '[data-testid="token-new"]')
      await axe.audit(page, 'API tokens')
      await auditDialog(page, axe, 'token-new', 'token-create-dialog', 'API tokens (new token)')
      await visit(page, '/account/password', '[data-testid="password-form"]')
      await axe.audit(page, 'change password')

      await visit(page, '/admin/users', '[data-testid="users-toolbar"]')
      await page.locator('[data-testid="user-row"]').first().waitFor()
      await axe.audit(page, 'admin users')
      await auditDialog(page, axe, 'users-new', 'user-dialog', 'admin users (new user)')
      await visit(page, '/admin/cards', '[data-testid="admin-cards-table"]')
      await axe.audit(page, 'admin cards')
      await visit(page, '/admin/jobs', '[data-testid="admin-jobs-page"]')
      await axe.audit(page, 'admin exports and imports')
      await visit(page, '/admin/audit', '[data-testid="audit-table"]')
      await axe.audit(page, 'admin audit log')
      await visit(page, '/admin/webhooks', '[data-testid="admin-webhooks-page"]')
      await axe.audit(page, 'admin webhooks')
      await auditDialog(page, axe, 'webhook-new', 'webhook-dialog', 'admin webhooks (new webhook)')
      await visit(page, '/admin/plugins', '[data-testid="plugins-tab"]')
      await page.locator('[data-testid="plugins-loading"]').waitFor({ state: 'detached' })
      await axe.audit(page, 'admin plugins')
      await byTestId(page, 'connectors-tab').click()
      await axe.audit(page, 'admin plugins (connectors)')
      await auditDialog(
        page,
        axe,
        'new-connector',
        'connector-dialog',
        'admin plugins (new connector)',
      )
      await visit(page, '/about', '[data-testid="plugin-row"], [data-testid="plugins-empty"]')
      await axe.audit(page, 'about (administrator)')

      axe.check()
    })
  })

  it('has no serious violations in dark mode', async () => {
    await withPage(browser, async (page) => {
      const axe = auditor()
      // The app follows the system's colour scheme until the user picks one.
      await page.emulateMedia({ colorScheme: 'dark' })
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/')
      await page.locator('body.body--dark [data-testid="dashboard"]').waitFor()
      await axe.audit(page, 'dark: dashboard /')
      await visit(page, `/models?q=${RUN}`, '[data-testid="models-total"][data-total="1"]')
      await axe.audit(page, 'dark: search /models')
      const cardPath = `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`
      await visit(page, cardPath, '[data-testid="card-body"] img')
      await axe.audit(page, 'dark: card (overview)')
      await byTestId(page, 'card-tab-performance').click()
      await page.locator('[data-testid="chart"][data-rendered="true"]').waitFor()
      await axe.audit(page, 'dark: card (performance)')
      await visit(page, '/models/new', '[data-testid="card-wizard"]')
      await wizardReady(page)
      await axe.audit(page, 'dark: wizard /models/new (basics)')
      await visit(page, '/admin/users', '[data-testid="user-row"]')
      await axe.audit(page, 'dark: admin users')
      await visit(page, '/admin/audit', '[data-testid="audit-table"]')
      await axe.audit(page, 'dark: admin audit log')
      await visit(page, '/admin/plugins', '[data-testid="plugins-tab"]')
      await page.locator('[data-testid="plugins-loading"]').waitFor({ state: 'detached' })
      await axe.audit(page, 'dark: admin plugins')
      axe.check()
    })
  })

  it('reaches the search box and the facets with Tab, and Esc closes the quick search', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/models')
      await page.locator('[data-testid="models-total"]').waitFor()
      await settled(page)

      await page.locator('body').focus()
      await tabTo(page, '[data-testid="models-search"]')
      await tabTo(page, '[data-testid="facet-checkbox"]')
      // Space toggles the focused facet, as it does a native check box.
      const facet = page.locator('[data-testid="facet-option"]', {
        has: page.locator('[data-testid="facet-checkbox"]:focus'),
      })
      const value = await facet.getAttribute('data-value')
      await page.keyboard.press('Space')
      await page.waitForURL((url) => [...url.searchParams.values()].includes(value))

      // The quick search opens with / from a focused link and gives the focus back on Esc.
      await byTestId(page, 'nav-models').focus()
      await page.keyboard.press('/')
      await until(
        async () => (await focusedTestId(page)) === 'quick-search-input',
        'focus in the quick search box',
      )
      await page.keyboard.press('Escape')
      await byTestId(page, 'quick-search').waitFor({ state: 'detached' })
      await until(
        async () => (await focusedTestId(page)) === 'nav-models',
        'focus back on the link',
      )

      // And with Ctrl+K from a button.
      await byTestId(page, 'models-new').focus()
      await page.keyboard.press('Control+k')
      await byTestId(page, 'quick-search-input').waitFor()
      await page.keyboard.press('Escape')
      await byTestId(page, 'quick-search').waitFor({ state: 'detached' })
      await until(
        async () => (await focusedTestId(page)) === 'models-new',
        'focus back on the button',
      )
    })
  })
})
