import type { App } from 'vue'
import { Notify } from 'quasar'
import { ProblemError } from '@/api/problem'

/** Shows an error as a notification: the problem's title, with its detail as caption. */
export function notifyError(error: unknown): void {
  const title = error instanceof ProblemError ? error.title : 'Something went wrong'
  const detail =
    error instanceof ProblemError
      ? error.detail
      : error instanceof Error
        ? error.message
        : undefined
  Notify.create({ type: 'negative', message: title, caption: detail })
}

/** Errors no component handled (render errors, rejected promises) end up as notifications. */
export function installErrorNotifications(app: App): void {
  app.config.errorHandler = (error) => {
    console.error(error)
    notifyError(error)
  }
  window.addEventListener('unhandledrejection', (event) => notifyError(event.reason))
}
