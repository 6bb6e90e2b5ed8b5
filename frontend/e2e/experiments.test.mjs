// Browser test of experiment links, run with `node --test e2e/` against a running server (BASE_URL)
// whose first administrator is E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD. A fake ClearML API server
// (the endpoints the clearml plugin calls, answering in ClearML's {meta, data} envelope) runs in this
// process; the test registers it as an experiment connector, links a new card to one of its tasks,
// imports tags and the loss chart, publishes, changes the task's loss on the fake, refreshes the chart
// from its source in the editor and sees the new values on the card.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, pickOption, withPage } from './browser.mjs'
import { nextStep, wizardReady } from './wizard.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, NO_ADMIN_PASSWORD, signIn } from './session.mjs'

const RUN = Date.now().toString(36)
const TITLE = `E2E experiment card ${RUN}`
const CONNECTOR = `clearml-e2e-${RUN}`
const TASK_ID = `e2e${RUN}task`
const TOKEN = `token-${RUN}`

/** What the fake tracker holds; the test changes the loss between publishing and refreshing. */
const tracker = {
  loss: [1.42, 0.61, 0.21],
  calls: [],
}

function task() {
  return {
    id: TASK_ID,
    name: `vit-b16 finetune ${RUN}`,
    user: 'u1',
    type: 'training',
    status: 'completed',
    created: '2026-11-20T08:30:00.000000+00:00',
    project: 'p1',
    tags: ['vit', `imported-${RUN}`],
    system_tags: [],
    execution: { framework: 'PyTorch', artifacts: [] },
    hyperparams: {
      Args: { lr: { section: 'Args', name: 'lr', value: '0.0003', type: 'float' } },
    },
    last_metrics: {},
    runtime: {},
  }
}

function envelope(endpoint, data, code = 200, message = 'OK') {
  return {
    meta: {
      id: RUN,
      trx: RUN,
      endpoint: { name: endpoint, requested_version: '2.30', actual_version: '1.0' },
      result_code: code,
      result_subcode: 0,
      result_msg: message,
      error_stack: '',
      error_data: {},
    },
    data,
  }
}

/** Answers one ClearML `service.action` call the way the documented API does. */
function answer(endpoint, body, authorization) {
  if (endpoint === 'auth.login') {
    return authorization === `Basic ${Buffer.from('e2e-access:e2e-secret').toString('base64')}`
      ? [200, envelope(endpoint, { token: TOKEN })]
      : [401, envelope(endpoint, {}, 401, 'Unauthorized')]
  }
  if (authorization !== `Bearer ${TOKEN}`) {
    return [401, envelope(endpoint, {}, 401, 'Invalid token')]
  }
  const known = body.task === TASK_ID || (Array.isArray(body.task) && body.task[0] === TASK_ID)
  switch (endpoint) {
    case 'tasks.get_by_id':
      return known
        ? [200, envelope(endpoint, { task: task() })]
        : [400, envelope(endpoint, {}, 400, 'Invalid task id')]
    case 'tasks.get_all':
      return [200, envelope(endpoint, { tasks: [task()] })]
    case 'projects.get_by_id':
      return [200, envelope(endpoint, { project: { id: 'p1', name: 'Vision' } })]
    case 'users.get_by_id':
      return [200, envelope(endpoint, { user: { id: 'u1', name: 'Ada' } })]
    case 'models.get_all':
      return [200, envelope(endpoint, { models: [] })]
    case 'events.get_task_plots':
      return [200, envelope(endpoint, { plots: [], total: 0 })]
    case 'events.scalar_metrics_iter_histogram':
      return [
        200,
        envelope(endpoint, {
          loss: { train: { name: 'train', x: [0, 1, 2], y: tracker.loss } },
          accuracy: { validation: { name: 'validation', x: [0, 1, 2], y: [0.55, 0.83, 0.91] } },
        }),
      ]
    default:
      return [400, envelope(endpoint, {}, 400, `Unknown endpoint ${endpoint}`)]
  }
}

const fake = createServer((request, response) => {
  let text = ''
  request.on('data', (chunk) => (text += chunk))
  request.on('end', () => {
    const endpoint = new URL(request.url, 'http://fake').pathname.split('/').pop()
    let body = {}
    try {
      body = text ? JSON.parse(text) : {}
    } catch {
      // answered as an unknown task below
    }
    tracker.calls.push(endpoint)
    const [status, json] = answer(endpoint, body, request.headers.authorization)
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(json))
  })
})

let browser
let adminHeaders

async function api(path, init = {}) {
  return fetch(`${BASE_URL}/api/v1${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...adminHeaders, ...init.headers },
  })
}

before(async () => {
  if (!ADMIN_PASSWORD) {
    return
  }
  await new Promise((resolve) => fake.listen(0, '127.0.0.1', resolve))
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  })
  assert.equal(login.status, 200)
  adminHeaders = { authorization: `Bearer ${(await login.json()).accessToken}` }
  const created = await api('/admin/connectors', {
    method: 'POST',
    body: JSON.stringify({
      id: CONNECTOR,
      kind: 'experiment-connector',
      factoryId: 'clearml',
      displayName: `E2E ClearML ${RUN}`,
      config: {
        apiUrl: `http://127.0.0.1:${fake.address().port}`,
        accessKey: 'e2e-access',
        secretKey: 'e2e-secret',
      },
    }),
  })
  assert.equal(created.status, 201, await created.text())
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  if (adminHeaders) {
    await api('/drafts/new', { method: 'DELETE' })
    const list = await api('/models?owner=me&page=0&size=100')
    const { items = [] } = list.ok ? await list.json() : {}
    for (const card of items.filter((item) => item.title === TITLE)) {
      await api(`/drafts/${card.id}`, { method: 'DELETE' })
      await api(`/models/${encodeURIComponent(card.owner.username)}/${card.slug}`, {
        method: 'DELETE',
      })
    }
    await api(`/admin/connectors/${CONNECTOR}`, { method: 'DELETE' })
  }
  fake.close()
})

/** The loss values of the performance chart the card page shows. */
async function publishedLoss(page) {
  const chart = byTestId(page, 'card-performance').locator('[data-testid="chart"]')
  await byTestId(page, 'card-performance')
    .locator('[data-testid="chart"][data-rendered="true"]')
    .waitFor()
  const figure = JSON.parse(await chart.getAttribute('data-figure'))
  return figure.data[0].y
}

describe('Experiment links', { skip: ADMIN_PASSWORD ? false : NO_ADMIN_PASSWORD }, () => {
  it('imports tags and a chart from ClearML and refreshes the chart from its source', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/models/new')
      await wizardReady(page)
      await byTestId(page, 'wizard-title').fill(TITLE)
      await pickOption(page, byTestId(page, 'wizard-task'), page.getByRole('option').first())
      await nextStep(page, 'body')
      await nextStep(page, 'performance')
      await nextStep(page, 'links')

      await pickOption(
        page,
        byTestId(page, 'wizard-experiment-connector'),
        page.locator(`[data-testid="connector-option"][data-id="${CONNECTOR}"]`),
      )
      await byTestId(page, 'wizard-experiment-id').fill(TASK_ID)
      await byTestId(page, 'wizard-experiment-import').click()

      const dialog = byTestId(page, 'experiment-import-dialog')
      await dialog.locator('[data-testid="import-tags"]').waitFor()
      assert.match(await byTestId(page, 'import-parameters').textContent(), /lr.*0\.0003/)
      // The experiment's tags are ticked (the card has none yet); of the charts, only the loss.
      await dialog.locator('[data-testid="import-chart"][data-name="loss"]').click()
      await byTestId(page, 'import-submit').click()
      await dialog.waitFor({ state: 'detached' })

      await nextStep(page, 'demo')
      await nextStep(page, 'review')
      assert.equal((await byTestId(page, 'review-charts').textContent()).trim(), '1')
      await byTestId(page, 'wizard-publish').click()
      await page.waitForURL((url) => /^\/models\/[^/]+\/[^/]+$/.test(url.pathname))
      const cardPath = new URL(page.url()).pathname

      assert.match(await byTestId(page, 'card-labels').textContent(), new RegExp(`imported-${RUN}`))
      await byTestId(page, 'card-tab-performance').click()
      assert.deepEqual(await publishedLoss(page), [1.42, 0.61, 0.21])
      assert.match(
        await byTestId(page, 'card-performance')
          .locator('[data-testid="chart-source"]')
          .textContent(),
        new RegExp(`${CONNECTOR}, experiment ${TASK_ID}, loss`),
      )

      await byTestId(page, 'card-tab-metadata').click()
      await byTestId(page, 'card-experiment-tracker').waitFor()
      assert.match(
        await byTestId(page, 'card-experiment-tracker').textContent(),
        /vit-b16 finetune/,
      )

      // The tracker's numbers change; the published card keeps what it imported until refreshed.
      tracker.loss = [0.95, 0.45, 0.15]
      await page.goto(`${BASE_URL}${cardPath}/edit`)
      await wizardReady(page)
      await nextStep(page, 'body')
      await nextStep(page, 'performance')
      const source = byTestId(page, 'editor-chart-source')
      const importedAt = await source.getAttribute('data-fetched-at')
      await byTestId(page, 'editor-chart-refresh').click()
      await page.waitForFunction(
        (before) =>
          document
            .querySelector('[data-testid="editor-chart-source"]')
            ?.getAttribute('data-fetched-at') !== before,
        importedAt,
      )
      assert.equal(await byTestId(page, 'editor-chart-refresh-error').count(), 0)
      await nextStep(page, 'links')
      await nextStep(page, 'demo')
      await nextStep(page, 'review')
      await byTestId(page, 'wizard-publish').click()
      await page.waitForURL(`${BASE_URL}${cardPath}`)
      await byTestId(page, 'card-tab-performance').click()
      assert.deepEqual(await publishedLoss(page), [0.95, 0.45, 0.15])
      assert.ok(tracker.calls.includes('events.scalar_metrics_iter_histogram'))
    })
  })
})
