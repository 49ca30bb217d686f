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
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))
    expect(files).toContain('internal/drive.ts')
    for (const file of files) {
      expect(readFileSync(new URL(file, dir), 'utf8'), file).not.toMatch(/from ['"]react/)
    }
  })
})
