import type {
  ConnectionTestResult,
  ConnectorFactoryInfo,
  ConnectorInstance,
} from '@/types/connectors'

export const s3Factory: ConnectorFactoryInfo = {
  kind: 'data-connector',
  id: 's3',
  displayName: 'S3 / MinIO',
  description: 'Stores objects in a bucket of Amazon S3 or an S3-compatible server such as MinIO.',
  capabilities: ['LIST', 'PRESIGNED_URLS', 'RANGES'],
  configSchema: [
    {
      name: 'endpoint',
      label: 'Endpoint',
      help: 'S3 endpoint, e.g. http://minio:9000. Leave empty for Amazon S3.',
      type: 'URI',
      required: false,
      options: [],
    },
    {
      name: 'region',
      label: 'Region',
      help: 'Signing region; any value for MinIO.',
      type: 'STRING',
      defaultValue: 'us-east-1',
      required: false,
      options: [],
    },
    {
      name: 'bucket',
      label: 'Bucket',
      help: 'Name of the bucket holding the objects.',
      type: 'STRING',
      required: true,
      options: [],
    },
    {
      name: 'accessKey',
      label: 'Access key',
      help: '',
      type: 'STRING',
      required: true,
      options: [],
    },
    {
      name: 'secretKey',
      label: 'Secret key',
      help: '',
      type: 'SECRET',
      required: true,
      options: [],
    },
    {
      name: 'pathStyle',
      label: 'Path-style access',
      help: 'Address the bucket in the path (MinIO) rather than in the host name.',
      type: 'BOOLEAN',
      defaultValue: 'true',
      required: false,
      options: [],
    },
    {
      name: 'createBucket',
      label: 'Create bucket',
      help: 'Create the bucket if it does not exist.',
      type: 'BOOLEAN',
      defaultValue: 'false',
      required: false,
      options: [],
    },
    {
      name: 'partSize',
      label: 'Part size (MiB)',
      help: 'Size of each part of a multipart upload, at least 5.',
      type: 'INTEGER',
      defaultValue: '8',
      required: false,
      options: [],
    },
  ],
}

export const filesystemFactory: ConnectorFactoryInfo = {
  kind: 'data-connector',
  id: 'filesystem',
  displayName: 'Local filesystem',
  description: 'Stores objects as files under a directory of the server.',
  capabilities: ['LIST', 'RANGES'],
  configSchema: [
    {
      name: 'baseDirectory',
      label: 'Base directory',
      help: 'Absolute path of the directory holding the objects.',
      type: 'STRING',
      required: true,
      options: [],
    },
    {
      name: 'createDirectories',
      label: 'Create directories',
      help: 'Create the base directory if it does not exist.',
      type: 'BOOLEAN',
      defaultValue: 'true',
      required: false,
      options: [],
    },
  ],
}

export const mlflowFactory: ConnectorFactoryInfo = {
  kind: 'experiment-connector',
  id: 'mlflow',
  displayName: 'MLflow',
  description: 'Imports runs from an MLflow tracking server.',
  docsUrl: 'https://mlflow.org/docs/latest/',
  capabilities: ['RUNS'],
  configSchema: [
    {
      name: 'trackingUri',
      label: 'Tracking URI',
      help: '',
      type: 'URI',
      required: true,
      options: [],
    },
    {
      name: 'notes',
      label: 'Notes',
      help: 'Free text.',
      type: 'TEXT',
      required: false,
      options: [],
    },
    {
      name: 'auth',
      label: 'Authentication',
      help: 'How to sign in.',
      type: 'ENUM',
      defaultValue: 'none',
      required: true,
      options: ['none', 'basic', 'token'],
    },
    {
      name: 'experiments',
      label: 'Experiments',
      help: 'Experiment names to import.',
      type: 'LIST',
      required: false,
      options: [],
    },
  ],
}

export const factories = [filesystemFactory, s3Factory, mlflowFactory]

export const filesystemInstance: ConnectorInstance = {
  id: 'filesystem',
  kind: 'data-connector',
  factoryId: 'filesystem',
  displayName: 'Local files',
  config: { baseDirectory: '/var/lib/aiappstore', createDirectories: 'true' },
  source: 'CONFIGURATION',
  active: true,
  circuit: 'CLOSED',
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
  version: 0,
}

export const s3Instance: ConnectorInstance = {
  id: 'minio',
  kind: 'data-connector',
  factoryId: 's3',
  displayName: 'MinIO',
  config: {
    endpoint: 'http://minio:9000',
    region: 'us-east-1',
    bucket: 'media',
    accessKey: 'minio',
    secretKey: '********',
    pathStyle: 'true',
    createBucket: 'false',
    partSize: '8',
  },
  source: 'DATABASE',
  active: false,
  circuit: 'OPEN',
  createdAt: '2026-01-02T10:00:00Z',
  updatedAt: '2026-01-02T10:00:00Z',
  version: 3,
}

export const mlflowInstance: ConnectorInstance = {
  id: 'mlflow-main',
  kind: 'experiment-connector',
  factoryId: 'mlflow',
  displayName: 'Team MLflow',
  config: { trackingUri: 'http://mlflow:5000', auth: 'none' },
  source: 'DATABASE',
  active: false,
  circuit: 'CLOSED',
  createdAt: '2026-01-03T10:00:00Z',
  updatedAt: '2026-01-03T10:00:00Z',
  version: 1,
}

export const okResult: ConnectionTestResult = {
  ok: true,
  retryable: false,
  detail: 'Bucket media is reachable',
  durationMs: 123,
}

export const failedResult: ConnectionTestResult = {
  ok: false,
  retryable: true,
  detail: 'Connection refused: minio:9000',
  durationMs: 2001,
}
