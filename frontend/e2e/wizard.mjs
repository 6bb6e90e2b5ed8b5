// Steps of the card wizard shared by the browser tests.
import { byTestId } from './browser.mjs'

/** Waits until the wizard can be used; a draft left by an earlier run is discarded. */
export async function wizardReady(page) {
  const wizard = page.locator('[data-testid="card-wizard"]:not([data-state="loading"])')
  await wizard.waitFor()
  if ((await wizard.getAttribute('data-state')) === 'draft') {
    await byTestId(page, 'draft-discard').click()
    await byTestId(page, 'draft-dialog').waitFor({ state: 'detached' })
  }
  await page.locator('[data-testid="card-wizard"][data-state="ready"]').waitFor()
}

/** Next, then waits for the step it leads to. */
export async function nextStep(page, step) {
  await byTestId(page, 'wizard-next').click()
  await byTestId(page, `wizard-panel-${step}`).waitFor()
}
