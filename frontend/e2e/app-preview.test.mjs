// Browser test of a demo app deployed from the card wizard, run with `node --test e2e/` against a
// running server (BASE_URL) and a Kubernetes API (E2E_K8S_URL, E2E_K8S_NAMESPACE): BrowserIT starts
// fabric8's CRUD mock and a controller that gives every Deployment its ready pods. This file plays
// the rest of the cluster: a local HTTP server is the demo app behind the emissary backend's
// public URL, and it writes a log line to its pod for every request, as a real app would.
//
// In the wizard the user deploys a preview, sees it become ready, uses it through the platform's
// proxy on the app's own origin (the test server sets aiappstore.apps.origin to
// http://{id}.apps.localhost:<port>, which Chromium resolves to the loopback address by itself): a
// page whose script calls the app's API, follows its event stream, talks over a WebSocket and
// keeps something in localStorage, as Gradio's does, with no credentials option anywhere. Then the
// user reads the app's log lines live, publishes the card (the same app becomes the card's demo),
// stops the app and starts it again from the Demo tab.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import { chromium } from 'playwright-core'
import { BASE_URL, byTestId, launchChromium, pickOption, until, withPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, adminApi, signIn } from './session.mjs'
import {
  K8S_URL,
  NAMESPACE,
  NO_CLUSTER,
  addEmissaryBackend,
  appName,
  deployments,
} from './cluster.mjs'
import { nextStep, wizardReady } from './wizard.mjs'

const RUN = Date.now().toString(36)
const BACKEND_ID = `e2e-preview-${RUN}`
const BACKEND_NAME = `E2E preview cluster ${RUN}`
const TITLE = `E2E preview card ${RUN}`
const SKIP = NO_CLUSTER

let browser
let api
let demoServer
let demoUrl
const received = []

/** The page of the demo app: its script uses the app's API and event stream, like Gradio's. */
const DEMO_PAGE = `<!doctype html><html><body>
<h1>Sentiment demo</h1>
<p>Prediction: <span id="prediction">…</span></p>
<p>Stream: <span id="ticks">none</span></p>
<p>Socket: <span id="socket">closed</span></p>
<p>Storage: <span id="storage">none</span></p>
<script>
// Plain requests, as Gradio makes them: on its own origin the app's ticket cookie goes along.
fetch('api/predict', { method: 'POST', body: 'what a great model' })
  .then((r) => r.text())
  .then((t) => (document.getElementById('prediction').textContent = t))
  .catch((e) => (document.getElementById('prediction').textContent = 'error ' + e))
const events = new EventSource('queue/data')
events.onmessage = (e) => (document.getElementById('ticks').textContent = e.data)
events.onerror = () => events.close()
try {
  localStorage.setItem('theme', 'dark')
  document.getElementById('storage').textContent = 'kept ' + localStorage.getItem('theme')
} catch (e) {
  document.getElementById('storage').textContent = 'error ' + e.name
}
// A WebSocket, as Streamlit's and older Gradio's front ends use (the browser sends the ticket along).
const socket = new WebSocket(new URL('stream', location.href).href.replace(/^http/, 'ws'))
socket.onopen = () => socket.send('ping')
socket.onmessage = (e) => (document.getElementById('socket').textContent = e.data)
socket.onerror = () => (document.getElementById('socket').textContent = 'error')
</script></body></html>`

/** Writes a line to the log of every pod of the app the request was for. */
async function logRequest(path, line) {
  const name = /^\/apps\/([^/]+)\//.exec(path)?.[1]
  if (!name) return
  const pods = await (await fetch(`${K8S_URL}/api/v1/namespaces/${NAMESPACE}/pods`)).json()
  for (const pod of (pods.items ?? []).filter((p) => p.metadata.name.startsWith(`${name}-`))) {
    await fetch(`${K8S_URL}/testing/pods/${pod.metadata.name}/log`, { method: 'POST', body: line })
  }
}

/**
 * The app's WebSocket endpoint (RFC 6455, just enough of it): accepts the upgrade and answers each
 * short text message with "pong: " and the message.
 */
function acceptWebSocket(req, socket) {
  received.push({ method: 'UPGRADE', url: req.url, headers: req.headers })
  const accept = createHash('sha1')
    .update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11')
    .digest('base64')
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  )
  socket.on('data', (data) => {
    // A browser's frame: masked, and short here (< 126 bytes).
    const opcode = data[0] & 0x0f
    const length = data[1] & 0x7f
    const mask = data.subarray(2, 6)
    const payload = Buffer.from(data.subarray(6, 6 + length).map((b, i) => b ^ mask[i % 4]))
    if (opcode === 8) {
      socket.end(Buffer.from([0x88, 0]))
      return
    }
    if (opcode !== 1) return
    const reply = Buffer.from(`pong: ${payload.toString('utf8')}`)
    socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]))
  })
  socket.on('error', () => {})
}

function startDemoApp() {
  return new Promise((resolve) => {
    demoServer = createServer((req, res) => {
      received.push({ method: req.method, url: req.url, headers: req.headers })
      void logRequest(req.url, `${req.method} ${req.url} 200`).catch(() => {})
      if (req.method === 'POST' && req.url.endsWith('/api/predict')) {
        let body = ''
        req.on('data', (chunk) => (body += chunk))
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'text/plain' })
          res.end(body.includes('great') ? 'positive' : 'negative')
        })
        return
      }
      if (req.url.endsWith('/queue/data')) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
        let tick = 0
        const timer = setInterval(() => {
          tick++
          res.write(`data: tick ${tick}\n\n`)
          if (tick === 3) {
            clearInterval(timer)
            res.end()
          }
        }, 300)
        req.on('close', () => clearInterval(timer))
        return
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(DEMO_PAGE)
    })
    demoServer.on('upgrade', acceptWebSocket)
    demoServer.listen(0, '127.0.0.1', () => {
      demoUrl = `http://127.0.0.1:${demoServer.address().port}/`
      resolve()
    })
  })
}

/**
 * Clicks an element of the page once it is scrolled into view and the page has drawn since. With
 * the app in a cross-origin frame (an out-of-process frame in Chromium), a click right after
 * Playwright's own scrolling was routed by the frame's stale position and never reached the page.
 */
async function clickSettled(page, testId) {
  const target = byTestId(page, testId)
  await target.scrollIntoViewIfNeeded()
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  )
  await target.click()
}

async function deploymentNames() {
  return (await deployments()).map((d) => d.metadata.name)
}

before(async () => {
  if (SKIP) return
  await startDemoApp()
  api = await adminApi(BASE_URL)
  // Emissary's gateway in a real cluster; here the demo app itself.
  await addEmissaryBackend(api, {
    id: BACKEND_ID,
    displayName: BACKEND_NAME,
    publicBaseUrl: demoUrl,
  })
  browser = await launchChromium(chromium)
})

after(async () => {
  await browser?.close()
  demoServer?.close()
  if (SKIP || !api) return
  const quietly = (promise) => promise.catch(() => {})
  const { items = [] } = await api('GET', '/apps?owner=me&size=100').catch(() => ({}))
  for (const app of items.filter((a) => a.backendId === BACKEND_ID)) {
    await quietly(api('DELETE', `/apps/${app.id}`))
  }
  const found = await api('GET', `/search/models?q=${encodeURIComponent(TITLE)}`).catch(() => null)
  for (const card of found?.items ?? []) {
    if (card.title === TITLE) {
      await quietly(
        api('DELETE', `/models/${encodeURIComponent(card.owner.username)}/${card.slug}`),
      )
    }
  }
  await quietly(api('DELETE', `/admin/connectors/${BACKEND_ID}`))
})

describe('Demo app preview', { skip: SKIP }, () => {
  it('deploys a preview in the wizard, uses it through the proxy and keeps it on publish', async () => {
    await withPage(browser, async (page) => {
      await signIn(page, BASE_URL, ADMIN_USERNAME, ADMIN_PASSWORD, '/models/new')
      await wizardReady(page)
      await byTestId(page, 'wizard-title').fill(TITLE)
      await pickOption(page, byTestId(page, 'wizard-task'), page.getByRole('option').first())
      for (const step of ['body', 'performance', 'links', 'demo']) {
        await nextStep(page, step)
      }

      // The Demo step: an inference app, deployed as a preview.
      await byTestId(page, 'wizard-demo-type').getByText('Inference app', { exact: true }).click()
      await byTestId(page, 'wizard-demo-deploy').click()
      const form = byTestId(page, 'app-form')
      await form.waitFor()
      await byTestId(page, 'app-form-capabilities').waitFor()
      await pickOption(
        page,
        byTestId(page, 'app-form-backend'),
        page.getByRole('option', { name: BACKEND_NAME }),
      )
      await byTestId(page, 'app-form-image').fill('ghcr.io/acme/sentiment:2.0')
      await byTestId(page, 'app-form-port').fill('7860')
      await byTestId(page, 'app-form-save').click()
      await form.waitFor({ state: 'detached' })

      // It becomes ready, and says it is a preview until the card is published.
      await byTestId(page, 'wizard-demo-preview-banner').waitFor()
      const name = await appName(page)
      await page.locator('[data-testid="app-status-chip"][data-phase="RUNNING"]').waitFor()
      assert.deepEqual(
        (await deploymentNames()).filter((n) => n === name),
        [name],
        'one deployment for the preview',
      )

      // The preview (private to its owner), through the platform's proxy, framed on its own
      // origin: its page, its API call, its event stream, its WebSocket and its storage all work.
      const frameElement = byTestId(page, 'app-frame')
      await frameElement.waitFor()
      const src = await frameElement.getAttribute('src')
      const id = name.replace(/^app-/, '')
      const appOrigin = `http://${id}.apps.localhost:${new URL(BASE_URL).port}`
      assert.ok(
        src.startsWith(`${appOrigin}/.aiappstore/enter?ticket=`),
        `the frame enters the app's own origin: ${src}`,
      )
      assert.match(await frameElement.getAttribute('sandbox'), /allow-same-origin/)
      const frame = page.frameLocator('[data-testid="app-frame"]')
      await frame.getByText('Sentiment demo').waitFor()
      await frame.locator('#prediction', { hasText: 'positive' }).waitFor()
      await frame.locator('#ticks', { hasText: 'tick 3' }).waitFor()
      await frame.locator('#socket', { hasText: 'pong: ping' }).waitFor()
      await frame.locator('#storage', { hasText: 'kept dark' }).waitFor()
      const frameUrl = page
        .frames()
        .map((f) => f.url())
        .find((u) => u.startsWith(appOrigin))
      assert.equal(frameUrl, `${appOrigin}/apps/${id}/`, 'the entry link went on to the app')
      const seen = received.find((r) => r.url.endsWith('/api/predict'))
      assert.ok(seen, 'the API call reached the app')
      assert.equal(seen.headers.authorization, undefined, 'no platform token reaches the app')
      assert.doesNotMatch(seen.headers.cookie ?? '', /aas_/, 'nor a platform cookie')
      // Renewal, as the page's hidden frame does it before the cookie runs out: a fresh entry link,
      // answered 204, replaces the cookie in the frame's partition without loading the app.
      const ticketCookie = async () =>
        (await page.context().cookies(`${appOrigin}/apps/${id}/`)).find(
          (c) => c.name === 'aas_app_ticket',
        )?.value
      const first = await ticketCookie()
      assert.ok(
        first,
        `the entry link left the ticket cookie: ${JSON.stringify(await page.context().cookies())}`,
      )
      await new Promise((resolve) => setTimeout(resolve, 1100)) // a ticket of a later second
      const { enterUrl } = await api('POST', `/apps/${id}/access`)
      await page.evaluate((url) => {
        const renewal = document.createElement('iframe')
        renewal.hidden = true
        renewal.src = url
        document.body.append(renewal)
      }, `${enterUrl}&renew=1`)
      await until(async () => (await ticketCookie()) !== first, 'a renewed ticket cookie')
      await frame.locator('#prediction', { hasText: 'positive' }).waitFor()

      // "Open in a new tab" enters the app's origin there too (a tab has a cookie jar of its own).
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        clickSettled(page, 'app-open'),
      ])
      await tab.getByText('Sentiment demo').waitFor()
      await tab.locator('#prediction', { hasText: 'positive' }).waitFor()
      assert.equal(tab.url(), `${appOrigin}/apps/${id}/`)
      await tab.close()

      // Its log lines arrive live in the console.
      const lines = byTestId(page, 'app-logs-lines')
      await lines.getByText(`Started ${name}-`, { exact: false }).first().waitFor()
      await lines.getByText('POST /apps/', { exact: false }).first().waitFor()
      // The filter keeps the matching lines only.
      await byTestId(page, 'app-logs-filter').fill('post /apps/')
      await until(async () => {
        const texts = await byTestId(page, 'app-log-line').allTextContents()
        return texts.length > 0 && texts.every((t) => t.includes('POST /apps/'))
      }, 'only POST lines')
      await byTestId(page, 'app-logs-filter').fill('')

      // Publish: the card's demo is this app, not a second deployment.
      await clickSettled(page, 'wizard-next')
      await byTestId(page, 'wizard-panel-review').waitFor()
      await clickSettled(page, 'wizard-publish')
      await page.waitForURL((url) => /^\/models\/[^/]+\/[^/]+$/.test(url.pathname))
      await clickSettled(page, 'card-tab-demo')
      await byTestId(page, 'card-demo-app').waitFor()
      assert.equal(await appName(page), name)
      // The card's app, framed on the card page, talks over its WebSocket through the proxy.
      await page
        .frameLocator('[data-testid="app-frame"]')
        .locator('#socket', { hasText: 'pong: ping' })
        .waitFor()
      const upgrade = received.find((r) => r.method === 'UPGRADE')
      assert.ok(upgrade?.url.endsWith('/stream'), 'the WebSocket reached the app')
      assert.doesNotMatch(
        upgrade.headers.cookie ?? '',
        /aas_/,
        'no platform cookie reaches the app',
      )
      assert.equal(await byTestId(page, 'wizard-demo-preview-banner').count(), 0)
      const apps = (await api('GET', '/apps?owner=me&size=100')).items
      const mine = apps.filter((a) => a.backendId === BACKEND_ID)
      assert.equal(mine.length, 1, 'still one app')
      assert.ok(mine[0].cardId, 'the app belongs to the card now')
      assert.equal(mine[0].expiresAt, undefined, 'a card demo does not expire')
      assert.deepEqual(
        (await deploymentNames()).filter((n) => n === name),
        [name],
      )

      // Stop it (to zero instances) after a confirmation, then start it again.
      await page.locator('[data-testid="app-status-chip"][data-phase="RUNNING"]').waitFor()
      await clickSettled(page, 'app-stop')
      await byTestId(page, 'app-stop-dialog').waitFor()
      await byTestId(page, 'confirm-ok').click()
      await page.locator('[data-testid="app-status-chip"][data-phase="SCALED_TO_ZERO"]').waitFor()
      await page.locator('[data-testid="app-frame-notice"][data-state="stopped"]').waitFor()
      assert.equal(await byTestId(page, 'app-frame').count(), 0, 'a stopped app is not loaded')

      await clickSettled(page, 'app-start')
      await page.locator('[data-testid="app-status-chip"][data-phase="RUNNING"]').waitFor()
      await page.frameLocator('[data-testid="app-frame"]').getByText('Sentiment demo').waitFor()

      // The platform's pages and API are not on the app's origin (a tab of the same session).
      const probePage = await page.context().newPage()
      const probe = await probePage.goto(`${appOrigin}/api/v1/auth/me`)
      assert.equal(probe.status(), 404)
      await probePage.close()
    })
  })
})
