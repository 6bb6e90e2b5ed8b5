import { describe, expect, it } from 'vitest'
import {
  SECRET_MASK,
  appFormFrom,
  appInputFrom,
  emptyAppForm,
  pointerSegment,
  validateAppForm,
} from './appForm'
import type { App, AppLimits, DeploymentBackendInfo } from '@/types/apps'

const LIMITS: AppLimits = { maxCpu: '2', maxMemory: '4Gi', maxGpus: 1, maxReplicas: 3 }
const EMISSARY: DeploymentBackendInfo = {
  id: 'emissary',
  displayName: 'Cluster',
  capabilities: ['PREVIEW', 'LOGS'],
}

const stored: App = {
  id: 'a1',
  name: 'app-a1',
  backendId: 'emissary',
  image: 'ghcr.io/acme/sentiment:1.2',
  port: 7860,
  env: { MODEL_ID: 'acme/sentiment' },
  secretEnv: { HF_TOKEN: SECRET_MASK, OLD: SECRET_MASK },
  resources: { cpuLimit: '1', gpus: 0 },
  minReplicas: 1,
  maxReplicas: 2,
  scaleToZero: false,
  state: 'active',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
}

describe('app form', () => {
  it('never shows a stored secret value and keeps it when left empty', () => {
    const form = appFormFrom(stored)
    expect(form.secrets).toEqual([
      { name: 'HF_TOKEN', value: '', stored: true },
      { name: 'OLD', value: '', stored: true },
    ])

    form.secrets = form.secrets.filter((s) => s.name !== 'OLD')
    form.secrets.push({ name: 'NEW', value: 'v', stored: false })

    expect(appInputFrom(form).secretEnv).toEqual({ HF_TOKEN: SECRET_MASK, NEW: 'v' })
  })

  it('sends a replaced secret value and only the resources that are set', () => {
    const form = appFormFrom(stored)
    form.secrets[0]!.value = 'hf_new'

    const input = appInputFrom(form)

    expect(input.secretEnv?.HF_TOKEN).toBe('hf_new')
    expect(input.resources).toEqual({ cpuLimit: '1', gpus: 0 })
    expect(input.env).toEqual({ MODEL_ID: 'acme/sentiment' })
  })

  it('names each invalid field by the pointer the server would use', () => {
    const form = emptyAppForm('emissary')
    form.port = 70000
    form.maxReplicas = 4
    form.gpus = 1
    form.scaleToZero = true
    form.env.push({ name: 'a/b', value: '' })
    form.secrets.push({ name: 'TOKEN', value: '', stored: false })

    expect(Object.keys(validateAppForm(form, LIMITS, EMISSARY, true)).sort()).toEqual(
      [
        '/env/a~1b',
        '/image',
        '/maxReplicas',
        '/port',
        '/resources/gpus',
        '/scaleToZero',
        '/secretEnv/TOKEN',
      ].sort(),
    )
  })

  it('accepts a complete form within the maxima', () => {
    const form = appFormFrom(stored)

    expect(validateAppForm(form, LIMITS, EMISSARY, false)).toEqual({})
  })

  it('escapes pointer segments as RFC 6901 says', () => {
    expect(pointerSegment('a~b/c')).toBe('a~0b~1c')
  })
})
