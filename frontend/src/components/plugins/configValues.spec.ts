import { describe, expect, it } from 'vitest'
import { SECRET_MASK, configPayload, initialConfig, joinList, splitList } from './configValues'
import { mlflowFactory, s3Factory, s3Instance } from '@/testing/connectorFixtures'

describe('configValues', () => {
  it('prefills defaults for a new instance, and false for booleans without one', () => {
    const values = initialConfig([
      ...s3Factory.configSchema,
      { name: 'flag', label: 'Flag', help: '', type: 'BOOLEAN', required: false, options: [] },
    ])

    expect(values).toEqual({
      endpoint: '',
      region: 'us-east-1',
      bucket: '',
      accessKey: '',
      secretKey: '',
      pathStyle: 'true',
      createBucket: 'false',
      partSize: '8',
      flag: 'false',
    })
  })

  it("starts from an instance's settings, secrets masked", () => {
    const values = initialConfig(s3Factory.configSchema, {
      bucket: 'media',
      secretKey: SECRET_MASK,
    })

    expect(values.bucket).toBe('media')
    expect(values.secretKey).toBe(SECRET_MASK)
    expect(values.region).toBe('us-east-1')
  })

  it('sends the settings that have a value, trimmed, lists joined, secrets as typed', () => {
    const payload = configPayload(mlflowFactory.configSchema, {
      trackingUri: ' http://mlflow:5000 ',
      notes: '',
      auth: 'token',
      experiments: ' a , b,,c ',
      colour: 'blue',
    })

    expect(payload).toEqual({
      trackingUri: 'http://mlflow:5000',
      auth: 'token',
      experiments: 'a,b,c',
    })
    expect(configPayload(s3Factory.configSchema, s3Instance.config).secretKey).toBe(SECRET_MASK)
  })

  it('splits and joins lists', () => {
    expect(splitList(' x, y ,, z')).toEqual(['x', 'y', 'z'])
    expect(splitList('')).toEqual([])
    expect(joinList(['x ', ' y', ''])).toBe('x,y')
  })
})
