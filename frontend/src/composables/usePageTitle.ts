import { toValue, watch, type MaybeRefOrGetter } from 'vue'

export const APP_NAME = 'AI App Store'

/** The document title of a page: "Models · AI App Store", or the app's name alone (home). */
export function pageTitle(title?: string | null): string {
  return title ? `${title} · ${APP_NAME}` : APP_NAME
}

/**
 * A page's own title while it is known (a card's title once the card is loaded); until then the
 * route's `meta.title` stands, which the router sets after each navigation.
 */
export function usePageTitle(title: MaybeRefOrGetter<string | null | undefined>): void {
  watch(
    () => toValue(title),
    (value) => {
      if (value) {
        document.title = pageTitle(value)
      }
    },
    { immediate: true },
  )
}
