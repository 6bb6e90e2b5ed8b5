import type { LogLine } from '@/types/apps'

/** How many lines the panel keeps; older ones are dropped so a chatty app cannot fill memory. */
export const MAX_LOG_LINES = 5000

/**
 * The lines a logs panel shows, fed one line at a time from the stream (never re-fetched in full).
 * While paused, new lines wait in a queue and the shown list stays still; resuming appends them.
 * After a reconnect from the last timestamp seen, the lines of that second already shown are not
 * added again.
 */
export class LogBuffer {
  shown: LogLine[] = []
  private waiting: LogLine[] = []
  private paused = false
  private lastTimestamp: string | undefined
  private atLastTimestamp = new Set<string>()

  constructor(private readonly max = MAX_LOG_LINES) {}

  get isPaused(): boolean {
    return this.paused
  }

  /** Lines received while paused, not shown yet. */
  get waitingCount(): number {
    return this.waiting.length
  }

  /** Where to reconnect from: the last timestamp seen, if the server sends them. */
  get resumeFrom(): string | undefined {
    return this.lastTimestamp
  }

  /** Takes one line; returns whether the shown list changed. */
  add(line: LogLine): boolean {
    if (line.timestamp !== undefined) {
      const key = `${line.pod}\u0000${line.container}\u0000${line.line}`
      if (this.lastTimestamp !== undefined && line.timestamp < this.lastTimestamp) {
        return false
      }
      if (line.timestamp === this.lastTimestamp) {
        if (this.atLastTimestamp.has(key)) return false
      } else {
        this.lastTimestamp = line.timestamp
        this.atLastTimestamp.clear()
      }
      this.atLastTimestamp.add(key)
    }
    if (this.paused) {
      this.waiting.push(line)
      trim(this.waiting, this.max)
      return false
    }
    this.shown.push(line)
    trim(this.shown, this.max)
    return true
  }

  pause(): void {
    this.paused = true
  }

  resume(): void {
    this.paused = false
    this.shown.push(...this.waiting)
    this.waiting = []
    trim(this.shown, this.max)
  }

  /** Empties the panel; the stream goes on and later lines still appear. */
  clear(): void {
    this.shown = []
    this.waiting = []
  }
}

function trim(lines: LogLine[], max: number): void {
  if (lines.length > max) {
    lines.splice(0, lines.length - max)
  }
}

/** The lines containing `filter`, ignoring case; all of them when it is blank. */
export function filterLines(lines: readonly LogLine[], filter: string): LogLine[] {
  const needle = filter.trim().toLowerCase()
  if (!needle) return [...lines]
  return lines.filter((entry) => entry.line.toLowerCase().includes(needle))
}

/** The lines as a plain-text log file, one line each, with the timestamp when there is one. */
export function logText(lines: readonly LogLine[]): string {
  return lines
    .map((entry) => (entry.timestamp ? `${entry.timestamp} ${entry.line}` : entry.line))
    .map((line) => `${line}\n`)
    .join('')
}
