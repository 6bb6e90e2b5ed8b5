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
    ],
  })
}

/** Runs `body` with a page in a fresh browser context (no cookies or storage shared between tests). */
export async function withPage(browser, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.setDefaultTimeout(TIMEOUT_MS)
  const page = await context.newPage()
  try {
    await body(page)
  } finally {
    await context.close()
  }
}

export const byTestId = (scope, id) => scope.locator(`[data-testid="${id}"]`)
