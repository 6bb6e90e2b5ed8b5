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
