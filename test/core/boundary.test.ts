import { describe, expect, it, vi } from 'vitest'

// The core must run where React is not installed: with React mocked to nothing, it still works.
vi.mock('react', () => ({}))

describe('core boundary', () => {
  it('imports and runs without React', async () => {
    const core = await import('../../src/core')
    await expect(core.taskGroup(() => 'ok')).resolves.toBe('ok')
  })

  it('never imports React from a core source file', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    const dir = new URL('../../src/core/', import.meta.url)
    for (const file of readdirSync(dir)) {
      expect(readFileSync(new URL(file, dir), 'utf8'), file).not.toMatch(/from ['"]react/)
    }
  })
})
