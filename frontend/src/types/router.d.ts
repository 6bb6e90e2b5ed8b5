import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for signed-in users; others are sent to /sign-in?redirect=… */
    requiresAuth?: boolean
    /** Only for administrators (implies requiresAuth); others see the Not allowed page. */
    requiresAdmin?: boolean
    /** Pages for signed-out users (sign-in); signed-in users go on to where they wanted. */
    guestOnly?: boolean
    /** The page's name in the document title, "<title> · AI App Store"; none for the start page. */
    title?: string
  }
}
