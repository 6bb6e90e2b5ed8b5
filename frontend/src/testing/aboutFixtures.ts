import type { AboutInfo, PluginInfo } from '@/types/about'

export const aboutInfo: AboutInfo = {
  name: 'AI App Store',
  version: '0.1.0-SNAPSHOT',
  pluginApiVersion: '1.0.0',
  startedAt: '2025-01-01T10:00:00Z',
}

export const startedPlugin: PluginInfo = {
  id: 'data-filesystem',
  version: '0.1.0',
  state: 'STARTED',
  reason: null,
  description: 'Datasets on a local file system',
  provider: 'AI App Store',
  requires: '>=1.0.0',
  extensions: [
    {
      extensionPoint: 'DatasetConnectorFactory',
      className: 'org.aiappstore.plugins.data.filesystem.FilesystemConnectorFactory',
    },
  ],
}

export const failedPlugin: PluginInfo = {
  id: 'experiment-mlflow',
  version: '0.0.9',
  state: 'FAILED',
  reason: 'Requires plugin API >=2.0.0',
  description: null,
  provider: null,
  requires: '>=2.0.0',
  extensions: [],
}
