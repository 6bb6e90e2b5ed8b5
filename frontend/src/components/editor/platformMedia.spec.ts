import { describe, expect, it } from 'vitest'
import { dropForeignMedia, droppedMediaMessage, isPlatformMedia } from './platformMedia'

const ID = '0b6e3f0a-0000-4000-8000-000000000001'

describe('isPlatformMedia', () => {
  it.each([
    [`/api/v1/media/${ID}`, true],
    [`/api/v1/media/${ID}?exp=1&sig=s`, true],
    [` /api/v1/media/${ID}\n`, true],
    [`https://apps.example.org/api/v1/media/${ID}?exp=1&sig=s`, true],
    [`HTTP://localhost:9080/api/v1/media/${ID}`, true],
    [`/api/v1/media/${ID.toUpperCase()}`, false],
    [`/api/v1/media/${ID}/../other`, false],
    [`/API/v1/media/${ID}`, false],
    [`ftp://host/api/v1/media/${ID}`, false],
    [`https://user@host/api/v1/media/${ID}`, false],
    ['https://upload.wikimedia.org/cat.png', false],
    ['data:image/png;base64,iVBORw0KGgo=', false],
    ['/api/v1/media/m-1', false],
    ['', false],
    [null, false],
  ])('%s → %s (as the server reads it)', (source, expected) => {
    expect(isPlatformMedia(source)).toBe(expected)
  })
})

describe('dropForeignMedia', () => {
  it('leaves out images and videos from elsewhere and counts them', () => {
    const pasted =
      '<p>Intro<img src="https://example.org/a.png"></p>' +
      `<img src="/api/v1/media/${ID}" alt="ours">` +
      '<img src="data:image/png;base64,iVBORw0KGgo=">' +
      '<video><source src="https://example.org/v.mp4"></video>' +
      `<video><source src="/api/v1/media/${ID}"></video>`

    const { html, dropped } = dropForeignMedia(pasted)

    expect(dropped).toEqual({ images: 2, videos: 1 })
    expect(html).toBe(
      `<p>Intro</p><img src="/api/v1/media/${ID}" alt="ours">` +
        `<video><source src="/api/v1/media/${ID}"></video>`,
    )
  })

  it('gives HTML without media back as it was', () => {
    expect(dropForeignMedia('<p>a <b>b</b></p>')).toEqual({
      html: '<p>a <b>b</b></p>',
      dropped: { images: 0, videos: 0 },
    })
  })
})

describe('droppedMediaMessage', () => {
  it('counts what was left out', () => {
    expect(droppedMediaMessage({ images: 3, videos: 0 })).toBe(
      '3 images were not pasted: a card shows only files uploaded here. Upload them instead.',
    )
    expect(droppedMediaMessage({ images: 1, videos: 1 })).toBe(
      '1 image and 1 video were not pasted: a card shows only files uploaded here. Upload them instead.',
    )
    expect(droppedMediaMessage({ images: 0, videos: 1 })).toBe(
      '1 video was not pasted: a card shows only files uploaded here. Upload it instead.',
    )
  })
})
