import { describe, expect, it } from 'vitest'
import { filterLines, LogBuffer, logText } from './logBuffer'
import type { LogLine } from '@/types/apps'

const line = (text: string, timestamp?: string): LogLine => ({
  pod: 'p',
  container: 'app',
  line: text,
  ...(timestamp ? { timestamp } : {}),
})

describe('LogBuffer', () => {
  it('appends lines one by one', () => {
    const buffer = new LogBuffer()

    expect(buffer.add(line('a'))).toBe(true)
    buffer.add(line('b'))

    expect(buffer.shown.map((l) => l.line)).toEqual(['a', 'b'])
  })

  it('holds lines while paused and appends them in order on resume', () => {
    const buffer = new LogBuffer()
    buffer.add(line('a'))
    buffer.pause()

    expect(buffer.add(line('b'))).toBe(false)
    buffer.add(line('c'))
    expect(buffer.shown.map((l) => l.line)).toEqual(['a'])
    expect(buffer.waitingCount).toBe(2)

    buffer.resume()
    expect(buffer.shown.map((l) => l.line)).toEqual(['a', 'b', 'c'])
    expect(buffer.waitingCount).toBe(0)
  })

  it('clears what is shown and waiting, and keeps taking new lines', () => {
    const buffer = new LogBuffer()
    buffer.add(line('a'))
    buffer.pause()
    buffer.add(line('b'))

    buffer.clear()
    buffer.resume()
    buffer.add(line('c'))

    expect(buffer.shown.map((l) => l.line)).toEqual(['c'])
  })

  it('keeps only the newest lines beyond its maximum', () => {
    const buffer = new LogBuffer(3)
    ;['1', '2', '3', '4', '5'].forEach((text) => buffer.add(line(text)))

    expect(buffer.shown.map((l) => l.line)).toEqual(['3', '4', '5'])
  })

  it('skips lines seen before a reconnect from the last timestamp', () => {
    const buffer = new LogBuffer()
    buffer.add(line('a', '2026-03-01T10:00:00Z'))
    buffer.add(line('b', '2026-03-01T10:00:01Z'))
    expect(buffer.resumeFrom).toBe('2026-03-01T10:00:01Z')

    // The reconnected stream starts again at 10:00:01.
    buffer.add(line('b', '2026-03-01T10:00:01Z'))
    buffer.add(line('c', '2026-03-01T10:00:01Z'))
    buffer.add(line('d', '2026-03-01T10:00:02Z'))

    expect(buffer.shown.map((l) => l.line)).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('filterLines and logText', () => {
  const lines = [
    { pod: 'p', container: 'c', line: 'GET / 200', timestamp: '2026-11-28T10:00:00Z' },
    { pod: 'p', container: 'c', line: 'ERROR model not loaded' },
    { pod: 'p', container: 'c', line: 'POST /api/predict 200' },
  ]

  it('keeps the lines containing the filter, ignoring case and surrounding blanks', () => {
    expect(filterLines(lines, ' error ').map((l) => l.line)).toEqual(['ERROR model not loaded'])
    expect(filterLines(lines, '200')).toHaveLength(2)
    expect(filterLines(lines, '  ')).toHaveLength(3)
  })

  it('writes one line per entry, with its timestamp when it has one', () => {
    expect(logText(lines)).toBe(
      '2026-11-28T10:00:00Z GET / 200\nERROR model not loaded\nPOST /api/predict 200\n',
    )
  })
})
