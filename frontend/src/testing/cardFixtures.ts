import type { Card, Revision } from '@/types/cards'

export const CHART_FIGURE =
  '{"data":[{"type":"bar","x":["a","b"],"y":[1,2]}],"layout":{"title":{"text":"Scores"}}}'

export const resnetCard: Card = {
  id: '6f1c0000-0000-4000-8000-000000000001',
  slug: 'resnet-50-imagenet',
  owner: { id: 'u-alice', username: 'alice', displayName: 'Alice Archer' },
  title: 'ResNet-50 on ImageNet',
  task: 'Computer Vision',
  tags: ['resnet', 'imagenet'],
  frameworks: ['PyTorch'],
  description: 'Classifies images.',
  explanation: '',
  usage: '',
  limitations: 'Not for medical images.',
  ownerDisplayName: 'Alice Archer',
  pointOfContact: 'ml-team@example.org',
  body: '<h2>Overview</h2><p>A residual network.</p>',
  performance: `<div data-type="chart" data-figure='${CHART_FIGURE}' data-caption="Top-1"></div>`,
  artifacts: [
    {
      type: 'model',
      name: 'weights',
      url: 's3://bucket/key',
      framework: 'PyTorch',
      timestamp: '2026-11-20T10:00:00Z',
    },
  ],
  experiment: { connectorId: 'clearml-main', externalId: '4f2e' },
  dataset: null,
  demo: { type: 'none' },
  visibility: 'public',
  sharedWith: [],
  sharedUsers: [],
  createdAt: '2026-11-28T10:00:00Z',
  updatedAt: '2026-11-28T10:05:00Z',
  version: 3,
  permissions: { edit: true, delete: true },
}

export function revision(number: number, fields: string[], restoredFrom: number | null = null) {
  const value: Revision = {
    number,
    version: number,
    author: { id: 'u-alice', username: 'alice', displayName: 'Alice Archer' },
    createdAt: `2026-11-28T10:0${number}:00Z`,
    fields,
    restoredFrom,
  }
  return value
}
