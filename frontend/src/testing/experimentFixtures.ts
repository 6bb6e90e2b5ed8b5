import type { Dataset, Experiment, ExperimentConnector } from '@/types/experiments'

export const clearmlConnector: ExperimentConnector = {
  id: 'clearml-main',
  displayName: 'ClearML (main)',
  factoryId: 'clearml',
  available: true,
  capabilities: ['artifacts', 'datasets', 'plots', 'scalars', 'search'],
}

export const mlflowConnector: ExperimentConnector = {
  id: 'mlflow-lab',
  displayName: 'MLflow lab',
  factoryId: 'mlflow',
  available: true,
  capabilities: ['scalars'],
}

export const experiment: Experiment = {
  connectorId: 'clearml-main',
  id: '4f2e',
  name: 'resnet50 baseline',
  project: { id: 'p1', name: 'Vision' },
  owner: 'alice',
  status: 'completed',
  created: '2026-11-20T10:00:00Z',
  tags: ['baseline'],
  webUrl: 'https://clearml.example.org/projects/p1/experiments/4f2e',
  frameworks: ['PyTorch'],
  parameters: { 'Args/lr': 0.001, 'Args/epochs': 90, 'Args/amp': true, optimizer: 'sgd' },
  latestMetrics: [
    { metric: 'accuracy', variant: 'top1', value: 0.7613 },
    { metric: 'loss', variant: 'train', value: null },
  ],
  scalars: [
    {
      data: [{ type: 'scatter', x: [1, 2, 3], y: [0.5, 0.7, 0.76] }],
      layout: { title: { text: 'accuracy' } },
    },
    {
      data: [{ type: 'scatter', x: [1, 2, 3], y: [2.1, 1.2, 0.9] }],
      layout: { title: { text: 'loss' } },
    },
  ],
  plots: [
    {
      title: 'Confusion matrix',
      figure: {
        data: [
          {
            type: 'heatmap',
            z: [
              [1, 0],
              [0, 1],
            ],
          },
        ],
      },
    },
  ],
  artifacts: [{ type: 'model', name: 'weights', url: 's3://bucket/weights.pt', size: 102_400_000 }],
}

export const dataset: Dataset = {
  connectorId: 'clearml-main',
  id: 'ds-9',
  name: 'imagenet-subset',
  project: { name: 'Vision' },
  version: '1.2.0',
  tags: [],
  files: {
    count: 1200,
    totalSize: 1_500_000_000,
    firstEntries: ['train/0001.jpg', 'train/0002.jpg'],
  },
  artifacts: [],
  webUrl: 'javascript:alert(1)',
}
