import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Runs against the built package (`npm test` builds first), as a user would import it.
const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'))

const coreExports = [
  'CancelledError',
  'InvalidStateError',
  'Task',
  'TaskGroup',
  'TaskGroupError',
  'Timeout',
  'TimeoutError',
  'checkpoint',
  'now',
  'observeTasks',
  'sleep',
  'taskGroup',
  'timeout',
  'timeoutAt',
  'GroupScope',
  'TimeoutScope',
]

describe('the built package', () => {
  it('exports the core API from react-taskgroup/core as ESM and CJS', async () => {
    const esm = await import(`${root}dist/core.js`)
    const cjs = require(`${root}dist/core.cjs`)
    for (const name of coreExports) {
      expect(esm[name], name).toBeTypeOf('function')
      expect(cjs[name], name).toBeTypeOf('function')
    }
  })

  it('re-exports the one copy of the core from the main entry, in ESM and in CJS', () => {
    // Plain Node, resolving the package by its own name through the exports map, as users do.
    const check = `
      for (const name of ${JSON.stringify(coreExports)}) {
        if (main[name] !== core[name]) throw new Error(name + ' differs between the entries')
      }
      for (const hook of ['useTaskGroup', 'useTimeout']) {
        if (typeof main[hook] !== 'function') throw new Error(hook + ' is missing')
      }
      console.log('ok')`
    const esm = `import * as main from 'react-taskgroup'; import * as core from 'react-taskgroup/core'; ${check}`
    const cjs = `const main = require('react-taskgroup'); const core = require('react-taskgroup/core'); ${check}`
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: root }).toString()).toBe('ok\n')
    expect(execFileSync(process.execPath, ['-e', cjs], { cwd: root }).toString()).toBe('ok\n')
  })

  it('keeps the core free of React and of runtime dependencies', () => {
    for (const file of ['dist/core.js', 'dist/core.cjs']) {
      expect(readFileSync(`${root}${file}`, 'utf8')).not.toMatch(/from ['"]react|require\(['"]react/)
    }
    expect(pkg.dependencies ?? {}).toEqual({})
  })

  it('declares an exports map with types first and no side effects', () => {
    expect(pkg.sideEffects).toBe(false)
    for (const entry of ['.', './core']) {
      for (const condition of ['import', 'require']) {
        expect(Object.keys(pkg.exports[entry][condition])[0]).toBe('types')
      }
    }
    expect(pkg.peerDependencies.react).toBe('^18 || ^19')
  })
})
