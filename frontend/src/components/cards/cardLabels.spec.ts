import { describe, expect, it } from 'vitest'
import { LABELS_MAX, addLabels, labelsProblem, normalizeLabel, normalizeLabels } from './cardLabels'

describe('normalizeLabels', () => {
  it('trims, collapses inner white space and drops blanks', () => {
    expect(normalizeLabels(['  resnet ', '', '   ', 'image\t  classification'])).toEqual([
      'resnet',
      'image classification',
    ])
  })

  it('removes duplicates ignoring case, keeping the first spelling and the order', () => {
    expect(normalizeLabels(['PyTorch', 'onnx', 'pytorch', 'ONNX', 'TensorRT'])).toEqual([
      'PyTorch',
      'onnx',
      'TensorRT',
    ])
  })

  it('drops control characters as the server does', () => {
    expect(normalizeLabel('res\u0000net\u0007')).toBe('resnet')
  })
})

describe('labelsProblem', () => {
  it('accepts up to 20 distinct labels of up to 40 characters', () => {
    const twenty = Array.from({ length: LABELS_MAX }, (_, i) => `tag-${i}`)
    expect(labelsProblem([...twenty, 'TAG-0'])).toBeNull()
    expect(labelsProblem(['x'.repeat(40)])).toBeNull()
  })

  it('refuses a 21st distinct label and a label of 41 characters', () => {
    const many = Array.from({ length: LABELS_MAX + 1 }, (_, i) => `tag-${i}`)
    expect(labelsProblem(many, 'frameworks')).toBe('At most 20 frameworks')
    expect(labelsProblem(['ok', 'y'.repeat(41)])).toMatch(/longer than 40 characters/)
  })
})

describe('addLabels', () => {
  it('adds what was typed, split at commas and normalized', () => {
    expect(addLabels(['resnet'], ' imagenet , ResNet,cnn ')).toEqual({
      labels: ['resnet', 'imagenet', 'cnn'],
    })
  })

  it('says why nothing was added', () => {
    const full = Array.from({ length: LABELS_MAX }, (_, i) => `t${i}`)
    expect(addLabels(full, 'one-more')).toEqual({ error: 'At most 20 tags' })
    expect(addLabels([], 'z'.repeat(41))).toEqual({
      error: 'Each entry can have at most 40 characters',
    })
    expect(addLabels(full, 'T1')).toEqual({ labels: full })
  })
})
