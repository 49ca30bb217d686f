import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

  it('serves react-taskgroup/devtools in ESM and CJS, on the one copy of the core', () => {
    // Its performance track observes the tasks of the core the app imports, by package name.
    const check = `
      const stop = devtools.enablePerformanceTrack()
      core.taskGroup(async (tg) => { tg.createTask(() => 1, { name: 'measured' }) }).then(() => {
        stop()
        const entry = performance.getEntriesByName('measured', 'measure')[0]
        if (entry?.detail?.devtools?.trackGroup !== 'react-taskgroup') throw new Error('no track entry')
        console.log('ok')
      })`
    const esm = `import * as devtools from 'react-taskgroup/devtools'; import * as core from 'react-taskgroup/core'; ${check}`
    const cjs = `const devtools = require('react-taskgroup/devtools'); const core = require('react-taskgroup/core'); ${check}`
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: root }).toString()).toBe('ok\n')
    expect(execFileSync(process.execPath, ['-e', cjs], { cwd: root }).toString()).toBe('ok\n')
  })

  it('declares an exports map with types first and no side effects', () => {
    expect(pkg.sideEffects).toBe(false)
    for (const entry of ['.', './core', './devtools']) {
      for (const condition of ['import', 'require']) {
        expect(Object.keys(pkg.exports[entry][condition])[0]).toBe('types')
      }
    }
    expect(pkg.peerDependencies.react).toBe('^18 || ^19')
  })
})

describe('npm pack', () => {
  // A newcomer's install from a clone: nothing built, `npm pack` (its prepack builds dist/),
  // then the tarball installed into an empty project and imported from ESM and CommonJS.
  it('makes a tarball from an unbuilt checkout that installs and imports from ESM and CJS', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'react-taskgroup-pack-'))
    try {
      const checkout = join(scratch, 'checkout')
      mkdirSync(checkout)
      for (const file of ['package.json', 'tsconfig.json', 'tsup.config.ts', 'README.md', 'LICENSE', 'src']) {
        cpSync(join(root, file), join(checkout, file), { recursive: true })
      }
      symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'))
      const npm = (args: string[], cwd: string) =>
        execFileSync('npm', args, {
          cwd,
          env: { ...process.env, npm_config_loglevel: 'error' },
          stdio: 'pipe',
        }).toString()
      const tarball = join(checkout, npm(['pack', '--silent'], checkout).trim().split('\n').at(-1)!)
      const app = join(scratch, 'app')
      mkdirSync(join(app, 'node_modules'), { recursive: true })
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }))
      npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app)
      // React is an optional peer: the app brings its own (here, the project's).
      symlinkSync(join(root, 'node_modules/react'), join(app, 'node_modules/react'))
      const program = `
        const out = []
        await core.taskGroup((tg) => { tg.createTask(() => core.sleep(1)).addDoneCallback(() => out.push('done')) })
        if (out[0] !== 'done') throw new Error('the group did not wait for its task')
        if (typeof main.useTaskGroup !== 'function') throw new Error('useTaskGroup is missing')
        if (main.CancelledError !== core.CancelledError) throw new Error('two copies of the core')
        console.log('ok')`
      const esm = `import * as main from 'react-taskgroup'; import * as core from 'react-taskgroup/core'; ${program}`
      const cjs = `(async () => { const main = require('react-taskgroup'); const core = require('react-taskgroup/core'); ${program} })().catch((e) => { console.error(e); process.exit(1) })`
      expect(execFileSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: app }).toString()).toBe('ok\n')
      expect(execFileSync(process.execPath, ['-e', cjs], { cwd: app }).toString()).toBe('ok\n')
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  }, 120_000)
})
