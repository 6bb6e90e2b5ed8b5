// Browser set-up shared by the browser tests (not a test file itself): Debian's Chromium, headless, with
// the flags this network needs, and a fresh context per test.

export const BASE_URL = (process.env.BASE_URL || 'http://localhost:9080').replace(/\/$/, '')
export const TIMEOUT_MS = 15_000

/** Launches the system Chromium; never a browser downloaded by a test tool. */
export async function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Chromium puts a sandboxed frame (the demo apps' frame) in a process of its own and routes
      // each click by the compositor's hit-test data, which lags a scroll by a frame: a click that
      // Playwright aims at a button right after scrolling to it could land in the app's frame
      // instead. Keeping such frames in the page's process routes clicks by the page's layout; the
      // sandbox itself (opaque origin, no access to the platform's cookies) is the same either way.
      '--disable-features=IsolateSandboxedIframes',
    ],
  })
}

/**
 * Runs `body` with a page in a fresh browser context (no cookies or storage shared between tests). When it
 * fails, a screenshot, the page's address and its console output go to target/e2e-failures/ so that a
 * failure on CI can be understood without re-running it.
 */
export async function withPage(browser, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.setDefaultTimeout(TIMEOUT_MS)
  const page = await context.newPage()
  const consoleLines = []
  const policyViolations = []
  page.on('console', (message) => {
    consoleLines.push(`[${message.type()}] ${message.text()}`)
    // The server's Content-Security-Policy refused something the web app does: a test fails on it.
    if (message.text().includes('Content Security Policy')) policyViolations.push(message.text())
  })
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`))
  try {
    await body(page)
    if (policyViolations.length > 0) {
      throw new Error(`Content-Security-Policy violations:\n${policyViolations.join('\n')}`)
    }
  } catch (error) {
    await recordFailure(page, consoleLines, error)
    throw error
  } finally {
    await context.close()
  }
}

async function recordFailure(page, consoleLines, error) {
  try {
    const { mkdir, writeFile } = await import('node:fs/promises')
    const dir = new URL('../target/e2e-failures/', import.meta.url)
    await mkdir(dir, { recursive: true })
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}`
    await page.screenshot({ path: new URL(`${name}.png`, dir).pathname, fullPage: true })
    const report = [`url: ${page.url()}`, `error: ${error?.message}`, '', ...consoleLines].join(
      '\n',
    )
    await writeFile(new URL(`${name}.txt`, dir), report)
    console.error(`Failure recorded in target/e2e-failures/${name}.png and .txt`)
  } catch (recording) {
    console.error('Could not record the failure:', recording)
  }
}

export const byTestId = (scope, id) => scope.locator(`[data-testid="${id}"]`)

/** Polls `condition` (async) every 250 ms until it holds; fails naming `what` after the timeout. */
export async function until(condition, what, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/**
 * Picks an option of a Quasar select (`field`, a locator): opens its menu, clicks `option` once the
 * menu has finished appearing, and waits until the menu is gone.
 *
 * Why wait for the menu to appear in full: while a popup is still animating in, Quasar holds back every
 * focus move and replays the last one only when a popup's animation timer ends. An option clicked
 * mid-animation leaves the select's refocus waiting for the closing menu's timer, which can fire after
 * the test has focused the next field and is typing into it: the text then goes to the select and is
 * lost (seen as a connector saved without its endpoint). A person cannot pick that fast.
 */
export async function pickOption(page, field, option) {
  await field.click()
  await page.waitForFunction(() => {
    const menu = document.querySelector('.q-menu')
    return menu !== null && !/-enter-/.test(menu.className)
  })
  await option.click()
  await page.locator('.q-menu').waitFor({ state: 'detached' })
}
