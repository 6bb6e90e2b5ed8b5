import type { App, AppAccess, AppStatus } from '@/types/apps'

/** What the Demo tab shows of an app: the frame, a notice with progress, or both. */
export interface FrameState {
  kind:
    | 'connecting'
    | 'running'
    | 'updating'
    | 'starting'
    | 'waking'
    | 'stopped'
    | 'failed'
    | 'unavailable'
  /** Whether the frame is loaded: the app answers, or the proxy holds the request while it wakes. */
  embed: boolean
  notice?: string
  icon: string
}

const WAKES_ON_DEMAND = ['SCALED_TO_ZERO', 'PENDING', 'DEPLOYING']

export function frameState(app: App, status: AppStatus | null): FrameState {
  if (app.state === 'lost') {
    return {
      kind: 'unavailable',
      embed: false,
      icon: 'report',
      notice: "The app's objects are gone from the cluster; its owner can restore it.",
    }
  }
  if (app.state === 'deleting') {
    return {
      kind: 'unavailable',
      embed: false,
      icon: 'delete',
      notice: 'The app is being deleted.',
    }
  }
  if (!status) {
    return { kind: 'connecting', embed: false, icon: 'hourglass_empty', notice: 'Connecting…' }
  }
  if (status.phase === 'RUNNING' && status.ready) {
    return { kind: 'running', embed: true, icon: 'check_circle' }
  }
  if (status.phase === 'DEPLOYING' && status.readyReplicas > 0) {
    // A rolling update: the instances already running serve (the proxy forwards to them).
    return {
      kind: 'updating',
      embed: true,
      icon: 'sync',
      notice: `Updating: ${status.message || 'new instances are starting'}`,
    }
  }
  if (status.phase === 'FAILED') {
    return {
      kind: 'failed',
      embed: false,
      icon: 'error',
      notice: status.message || 'The app failed.',
    }
  }
  if (app.scaleToZero && WAKES_ON_DEMAND.includes(status.phase)) {
    // The proxy holds the frame's first request until an instance is ready.
    return {
      kind: 'waking',
      embed: true,
      icon: 'bedtime',
      notice:
        status.phase === 'SCALED_TO_ZERO' ? 'Waking up the app…' : `Waking up: ${status.message}`,
    }
  }
  if (status.phase === 'SCALED_TO_ZERO') {
    return {
      kind: 'stopped',
      embed: false,
      icon: 'stop_circle',
      notice: 'The app is stopped. Its owner can start it again.',
    }
  }
  if (status.phase === 'PENDING' || status.phase === 'DEPLOYING' || status.phase === 'RUNNING') {
    return {
      kind: 'starting',
      embed: false,
      icon: 'rocket_launch',
      notice: `Starting: ${status.message || 'waiting for an instance'}`,
    }
  }
  return {
    kind: 'unavailable',
    embed: false,
    icon: 'help',
    notice: status.message || 'The app cannot be reached now.',
  }
}

const SANDBOX = 'allow-scripts allow-forms allow-popups allow-downloads allow-modals'

/**
 * The frame's sandbox. An app on the platform's own origin gets an opaque origin (no
 * `allow-same-origin`: its scripts would otherwise reach the platform's cookies and API), with
 * only same-site `SameSite=None` cookies for its ticket. An app on an origin of its own keeps it:
 * that origin already keeps it apart, and apps such as Gradio need their storage and cookies.
 */
export function frameSandbox(proxyUrl: string, pageOrigin: string): string {
  const ownOrigin = new URL(proxyUrl, pageOrigin).origin !== pageOrigin
  return `${SANDBOX} ${ownOrigin ? 'allow-same-origin' : 'allow-same-site-none-cookies'}`
}

/**
 * When to ask for access again: at four fifths of the cookie's life (the one the answer set, or the
 * one its entry link sets), so that an app left open but idle keeps working; null when it is
 * already past.
 */
export function renewalDelay(access: AppAccess, now: number): number | null {
  const left = Date.parse(access.cookieExpiresAt ?? access.expiresAt) - now
  return left > 0 ? left * 0.8 : null
}
