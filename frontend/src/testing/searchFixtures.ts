import type { Dashboard, SearchHit, SearchResult, Suggestions } from '@/types/search'
import type { CardSummary } from '@/types/cards'

export const resnetSummary: CardSummary = {
  id: '6f1c0000-0000-4000-8000-000000000001',
  slug: 'resnet-50-imagenet',
  owner: { id: 'u-alice', username: 'alice', displayName: 'Alice Archer' },
  title: 'ResNet-50 on ImageNet',
  task: 'Computer Vision',
  tags: ['resnet', 'imagenet'],
  frameworks: ['PyTorch'],
  description: 'Classifies images & more.',
  visibility: 'public',
  demo: { type: 'none' },
  updatedAt: '2026-11-28T10:05:00Z',
  version: 3,
}

export const whisperSummary: CardSummary = {
  ...resnetSummary,
  id: '6f1c0000-0000-4000-8000-000000000002',
  slug: 'whisper-small',
  owner: { id: 'u-bob', username: 'bob', displayName: 'Bob Builder' },
  title: 'Whisper small',
  task: 'Audio',
  tags: ['speech'],
  frameworks: ['PyTorch'],
  description: 'Transcribes speech.',
}

export const resnetHit: SearchHit = {
  ...resnetSummary,
  snippets: {
    title: '<mark>ResNet</mark>-50 on ImageNet',
    description: 'Classifies images &amp; more. &lt;b&gt;',
    documents: '… top-1 on <mark>ResNet</mark> <img src=x onerror=alert(1)> …',
  },
  score: 7.42,
}

export function searchResult(
  items: SearchHit[],
  overrides: Partial<SearchResult> = {},
): SearchResult {
  return {
    items,
    total: items.length,
    page: 0,
    size: 20,
    nextCursor: null,
    facets: {
      task: [
        { value: 'computer vision', label: 'Computer Vision', count: 1 },
        { value: 'audio', label: 'Audio', count: 1 },
      ],
      frameworks: [{ value: 'pytorch', label: 'PyTorch', count: 2 }],
      owner: [
        { value: 'alice', label: 'Alice Archer', count: 1 },
        { value: 'bob', label: 'Bob Builder', count: 1 },
      ],
      tags: [
        { value: 'imagenet', label: 'ImageNet', count: 1 },
        { value: 'speech', label: 'speech', count: 1 },
      ],
    },
    ...overrides,
  }
}

export const noFacets = { task: [], frameworks: [], owner: [], tags: [] }

export const suggestions: Suggestions = {
  titles: [
    {
      id: resnetSummary.id,
      slug: resnetSummary.slug,
      title: resnetSummary.title,
      owner: resnetSummary.owner,
    },
    {
      id: whisperSummary.id,
      slug: whisperSummary.slug,
      title: whisperSummary.title,
      owner: whisperSummary.owner,
    },
  ],
  tags: [{ value: 'imagenet', label: 'ImageNet', count: 40 }],
}

export const dashboard: Dashboard = {
  recent: { items: [resnetSummary, whisperSummary] },
  mine: { items: [whisperSummary], total: 7 },
  tasks: [
    { value: 'computer vision', label: 'Computer Vision', count: 12 },
    { value: 'audio', label: 'Audio', count: 3 },
  ],
}
