// Sign-in helpers shared by the browser tests (not a test file itself).
import { byTestId } from './browser.mjs'

export const ADMIN_USERNAME = process.env.E2E_ADMIN_USERNAME || 'admin'
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD
export const NO_ADMIN_PASSWORD =
  'E2E_ADMIN_PASSWORD is not set: set it to the password of the first administrator ' +
  `(${ADMIN_USERNAME}) to run the tests that sign in`

/** Signs in through the sign-in page and waits until the user menu shows. */
export async function signIn(page, baseUrl, username, password, redirect = '/') {
  await page.goto(`${baseUrl}/sign-in?redirect=${encodeURIComponent(redirect)}`)
  await byTestId(page, 'sign-in-username').fill(username)
  await byTestId(page, 'sign-in-password').fill(password)
  await byTestId(page, 'sign-in-password').press('Enter')
  await byTestId(page, 'user-menu').waitFor()
}

/** Signs out through the user menu and waits for the "Sign in" button. */
export async function signOut(page) {
  await byTestId(page, 'user-menu').click()
  await byTestId(page, 'sign-out').click()
  await byTestId(page, 'sign-in-link').waitFor()
}

/**
 * Signs the administrator in through the API and returns `api(method, path, body)`: JSON in and
 * out, and an error naming the request for any status but 2xx.
 */
export async function adminApi(baseUrl) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD }),
  })
  if (!login.ok) {
    throw new Error(`the administrator could not sign in through the API (${login.status})`)
  }
  const authorization = `Bearer ${(await login.json()).accessToken}`
  return async function api(method, path, body) {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await response.text()
    if (!response.ok) {
      throw new Error(`${method} ${path}: ${response.status} ${text}`)
    }
    return text ? JSON.parse(text) : null
  }
}
