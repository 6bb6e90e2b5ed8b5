// Browser test of a card's inference app, run with `node --test e2e/` against a running server
// (BASE_URL) and a Kubernetes API (E2E_K8S_URL, E2E_K8S_NAMESPACE: BrowserIT starts fabric8's CRUD
// mock). Through the REST API it configures an emissary deployment backend on that cluster and
// creates a card; in the browser the card's owner deploys an app from the Demo tab (a server field
// error first, then a manifest preview with the secret masked), watches its status, scales it,
// pauses the logs and deletes it. Whatever a failed run leaves is deleted through the API.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, pickOption, until, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, adminApi, signIn } from './session.mjs'
import { NO_CLUSTER, addEmissaryBackend, appName, deployments } from './cluster.mjs'

const RUN = Date.now().toString(36)
const BACKEND_ID = `e2e-apps-${RUN}`
const BACKEND_NAME = `E2E cluster ${RUN}`
const TITLE = `E2E app card ${RUN}`
const IMAGE = 'ghcr.io/acme/sentiment:1.2'
const SECRET = `hf_e2e-${RUN}-must-stay-in-the-cluster`
const SKIP = NO_CLUSTER

let browser
let api
let card

before(async () => {
  if (SKIP) return
  api = await adminApi(BASE_URL)
  await addEmissaryBackend(api, {
    id: BACKEND_ID,
    displayName: BACKEND_NAME,
    publicBaseUrl: 'https://apps.example.com',
  })
  const tasks = await api('GET', '/tasks')
  const task = Array.isArray(tasks) ? tasks[0] : (tasks.items ?? tasks.tasks)[0]
  card = await api('POST', '/models', {
    title: TITLE,
    task: typeof task === 'string' ? task : task.name,
    tags: ['e2e'],
    frameworks: [],
    description: 'A card whose demo is deployed by the browser test.',
  })
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  if (SKIP || !api) return
  const quietly = (promise) => promise.catch(() => {})
  const { items = [] } = await api('GET', '/apps?owner=me&size=100').catch(() => ({}))
  for (const app of items.filter((a) => a.backendId === BACKEND_ID)) {
    await quietly(api('DELETE', `/apps/${app.id}`))
  }
  if (card) {
    await quietly(api('DELETE', `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`))
  }
  await quietly(api('DELETE', `/admin/connectors/${BACKEND_ID}`))
})

describe('Inference apps', { skip: SKIP }, () => {
  it('deploys a card demo app, previews it, follows it, scales it and deletes it', async () => {
    await withPage(browser, async (page) => {
      const cardPath = `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, `${cardPath}?tab=demo`)
      await page.waitForURL((url) => url.pathname === cardPath)
      await byTestId(page, 'card-demo-none').waitFor()

      // The form: our backend, an image the server refuses (no registry), port, a secret.
      await byTestId(page, 'card-demo-deploy').click()
      const form = byTestId(page, 'app-form')
      await form.waitFor()
      // The backends load when the form opens; the first one is chosen, then ours.
      await byTestId(page, 'app-form-capabilities').waitFor()
      await pickOption(
        page,
        byTestId(page, 'app-form-backend'),
        page.getByRole('option', { name: BACKEND_NAME }),
      )
      assert.match(await byTestId(page, 'app-form-capabilities').textContent(), /PREVIEW/)
      await byTestId(page, 'app-form-image').fill('sentiment')
      await byTestId(page, 'app-form-port').fill('7860')
      await byTestId(page, 'app-form-secret-add').click()
      await byTestId(page, 'app-form-secret-name-0').fill('HF_TOKEN')
      await byTestId(page, 'app-form-secret-value-0').fill(SECRET)
      await form.getByText('Resources and replicas').click()
      await byTestId(page, 'app-form-max-replicas').fill('2')

      await byTestId(page, 'app-form-save').click()
      // The server's pointer /image puts its message at the image field.
      await page.locator('.q-field--error [data-testid="app-form-image"]').waitFor()
      assert.equal(await byTestId(page, 'app-form-secret-value-0').getAttribute('type'), 'password')
      await byTestId(page, 'app-form-image').fill(IMAGE)
      await page
        .locator('.q-field--error [data-testid="app-form-image"]')
        .waitFor({ state: 'detached' })

      // Preview: the manifests with the secret masked, nothing applied.
      const before = (await deployments()).map((d) => d.metadata.name)
      await byTestId(page, 'app-form-preview').click()
      const yaml = byTestId(page, 'app-manifests-yaml')
      await yaml.waitFor()
      const manifests = await yaml.textContent()
      assert.match(manifests, /kind: Deployment/)
      assert.ok(manifests.includes(IMAGE), 'the preview names the image')
      assert.ok(manifests.includes('HF_TOKEN'), 'the preview names the secret')
      assert.ok(!manifests.includes(SECRET), 'the preview never shows the secret value')
      assert.deepEqual(
        (await deployments()).map((d) => d.metadata.name),
        before,
        'a preview applies nothing',
      )
      await byTestId(page, 'app-manifests-dialog').getByRole('button', { name: 'Close' }).click()
      await byTestId(page, 'app-manifests-dialog').waitFor({ state: 'detached' })

      // Deploy: the card's demo becomes the app, its status streams in.
      await byTestId(page, 'app-form-save').click()
      await form.waitFor({ state: 'detached' })
      await byTestId(page, 'app-panel').waitFor()
      // Owner actions show once the owner's view of the app (with its name) has loaded.
      await byTestId(page, 'app-owner-actions').waitFor()
      const name = await appName(page)
      assert.match(name, /^app-[a-z0-9]+$/)
      await page.locator('[data-testid="app-status-chip"]:not([data-phase="NONE"])').waitFor()
      await until(
        async () => (await deployments()).some((d) => d.metadata.name === name),
        `deployment ${name}`,
      )
      assert.ok(!before.includes(name))
      const deployed = (await deployments()).find((d) => d.metadata.name === name)
      assert.ok(!JSON.stringify(deployed).includes(SECRET), 'the secret is not in the Deployment')
      // Users reach it through the platform, which checks the card's visibility: on the app's own
      // host (the test server sets aiappstore.apps.origin), at the same path.
      const href = await byTestId(page, 'app-open').getAttribute('href')
      const appId = name.replace(/^app-/, '')
      assert.equal(
        href,
        `http://${appId}.apps.localhost:${new URL(BASE_URL).port}/apps/${appId}/`,
        'the app opens through the platform',
      )

      // Logs: the live panel can be paused and resumed.
      await byTestId(page, 'app-logs').waitFor()
      await byTestId(page, 'app-logs-pause').click()
      await page.getByRole('button', { name: /Resume/ }).waitFor()
      await byTestId(page, 'app-logs-pause').click()
      await page.getByRole('button', { name: 'Pause' }).waitFor()

      // Scale to 2, within the maximum chosen above.
      await byTestId(page, 'app-scale').click()
      await byTestId(page, 'app-scale-dialog').waitFor()
      await byTestId(page, 'app-scale-replicas').fill('2')
      await byTestId(page, 'app-scale-confirm').click()
      await byTestId(page, 'app-scale-dialog').waitFor({ state: 'detached' })
      await until(
        async () =>
          (await deployments()).find((d) => d.metadata.name === name)?.spec?.replicas === 2,
        'two replicas',
      )

      // Delete after a confirmation naming the app; the card has no demo any more.
      await byTestId(page, 'app-delete').click()
      const confirm = byTestId(page, 'app-delete-dialog')
      await confirm.waitFor()
      assert.ok((await confirm.textContent()).includes(name), 'the confirmation names the app')
      await byTestId(page, 'confirm-ok').click()
      await byTestId(page, 'card-demo-none').waitFor()
      await until(
        async () => !(await deployments()).some((d) => d.metadata.name === name),
        `deletion of ${name}`,
      )
    })
  })
})
