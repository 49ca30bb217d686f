import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The README's and the docs' code is the code the tests run: a block marked
// `<!-- file: path -->` must be that file, byte for byte, and the file is tested (the README's
// component in test/react/readme.test.tsx, its core example in test/examples/profile.test.ts,
// the seed programs in test/examples/seed.test.ts).
const root = fileURLToPath(new URL('..', import.meta.url))
const pages = ['README.md', ...readdirSync(`${root}docs`).map((name) => `docs/${name}`)]

function blocks(page: string): { file: string | undefined; code: string; lang: string }[] {
  const text = readFileSync(`${root}${page}`, 'utf8')
  const found: { file: string | undefined; code: string; lang: string }[] = []
  for (const match of text.matchAll(/(?:<!-- file: (\S+) -->\n)?```(\w*)\n([\s\S]*?)```\n/g)) {
    found.push({ file: match[1], lang: match[2]!, code: match[3]! })
  }
  return found
}

describe('the docs show the code the tests run', () => {
  it.each(pages)('%s: every block marked with a file is that file', (page) => {
    for (const block of blocks(page).filter((b) => b.file !== undefined)) {
      expect(block.code, `${page} shows ${block.file}`).toBe(readFileSync(`${root}${block.file}`, 'utf8'))
    }
  })

  it('README.md: every TypeScript block is a tested file', () => {
    const code = blocks('README.md').filter((b) => b.lang === 'ts' || b.lang === 'tsx')
    expect(code.length).toBeGreaterThan(0)
    expect(code.filter((b) => b.file === undefined).map((b) => b.code)).toEqual([])
  })
})
