import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  CancelledError,
  captureTaskTree,
  describeNodeParts,
  formatTaskTree,
  GroupScope,
  observeTasks,
  sleep,
  taskGroup,
  timeout,
  TimeoutError,
  TimeoutScope,
  TaskRunner,
  type TaskTreeNode,
} from 'react-taskgroup/core'
import { capture, withFakeTime } from './helpers'

withFakeTime()

/** The tree as `kind name state` lines, indented two spaces per level: what nests where, without times. */
function shape(tree: readonly TaskTreeNode[], depth = 0): string[] {
  return tree.flatMap((node) => [
    `${'  '.repeat(depth)}${node.kind} ${node.name} ${node.state}${node.unlinked ? ' unlinked' : ''}`,
    ...shape(node.children, depth + 1),
  ])
}

function lookUp(tree: readonly TaskTreeNode[], name: string): TaskTreeNode | undefined {
  for (const node of tree) {
    const found = node.name === name ? node : lookUp(node.children, name)
    if (found !== undefined) return found
  }
  return undefined
}

function find(tree: readonly TaskTreeNode[], name: string): TaskTreeNode {
  const found = lookUp(tree, name)
  if (found === undefined) throw new Error(`no node named ${name} in\n${formatTaskTree(tree)}`)
  return found
}

const never = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))

afterEach(async () => {
  // Whatever a test left running is cancelled by its own code; nothing may stay in the tree.
  await vi.runAllTimersAsync()
  expect(captureTaskTree()).toEqual([])
})

describe('captureTaskTree', () => {
  it('nests a group under the task whose signal it was given, and a timeout under the group', async () => {
    const outer = new AbortController()
    const done = capture(
      taskGroup(
        (tg) => {
          tg.createTask(
            (signal) =>
              taskGroup(
                (inner) => {
                  inner.createTask(never, { name: 'leaf' })
                  inner.createTask((s) => timeout(5000, (t) => never(t.signal), { signal: s }), { name: 'timed' })
                },
                { signal, name: 'inner' },
              ),
            { name: 'parent-task' },
          )
          tg.createTask(never, { name: 'sibling' })
        },
        { signal: outer.signal, name: 'outer' },
      ),
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(shape(captureTaskTree())).toEqual([
      'group outer running',
      '  task parent-task running',
      '    group inner running',
      '      task leaf running',
      '      task timed running',
      '        timeout timeout(5000) running',
      '  task sibling running',
    ])
    const timed = find(captureTaskTree(), 'timeout(5000)')
    expect(timed.deadline).toBe(5000)
    outer.abort()
    expect((await done).status).toBe('rejected')
  })

  it('shows a scope a generator task opened without its signal under that task, marked unlinked', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const done = capture(
      taskGroup(
        (tg) => {
          tg.createTask(
            function* () {
              yield taskGroup((inner) => void inner.createTask(() => gate, { name: 'waits' }), { name: 'detached' })
            },
            { name: 'opener' },
          )
        },
        { name: 'root' },
      ),
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(shape(captureTaskTree())).toEqual([
      'group root running',
      '  task opener running',
      '    group detached running unlinked',
      '      task waits running',
    ])
    expect(formatTaskTree()).toContain('unlinked (opened here without its signal)')
    release()
    expect((await done).status).toBe('fulfilled')
  })

  it("shows the hooks' scopes by their default names, nested through their signals", async () => {
    const page = new GroupScope({}, 'useTaskGroup')
    const closePage = page.open()
    const panel = new GroupScope({ signal: page.getSnapshot().signal }, 'useTaskEffect')
    const closePanel = panel.open()
    const deadline = new TimeoutScope({ delayMs: 2000, signal: panel.getSnapshot().signal }, 'useTimeout')
    const closeDeadline = deadline.open()
    panel.createTask(never, { name: 'load' })
    expect(captureTaskTree()[0]?.name).toMatch(/^useTaskGroup-\d+$/)
    expect(shape(captureTaskTree()).map((line) => line.replace(/-\d+/, '-n'))).toEqual([
      'group useTaskGroup-n running',
      '  group useTaskEffect-n running',
      '    task load running',
      '    timeout useTimeout-n running',
    ])
    closeDeadline()
    closePanel()
    closePage()
    await vi.advanceTimersByTimeAsync(0)
  })

  it('keeps a failed group with its failed and cancelled tasks under its parent until the parent settles', async () => {
    let releaseParent!: () => void
    const parentGate = new Promise<void>((resolve) => (releaseParent = resolve))
    const boom = new Error('boom')
    const done = capture(
      taskGroup(
        (tg) => {
          tg.createTask(
            async (signal) => {
              await taskGroup(
                (inner) => {
                  inner.createTask(never, { name: 'victim' })
                  inner.createTask(() => sleep(10).then(() => Promise.reject(boom)), { name: 'culprit' })
                },
                { signal, name: 'failing' },
              ).catch(() => undefined)
              await parentGate
            },
            { name: 'holder' },
          )
        },
        { name: 'top' },
      ),
    )
    await vi.advanceTimersByTimeAsync(20)
    expect(shape(captureTaskTree())).toEqual([
      'group top running',
      '  task holder running',
      '    group failing failed',
      '      task victim cancelled',
      '      task culprit failed',
    ])
    const failing = find(captureTaskTree(), 'failing')
    expect((failing.error as Error).name).toBe('TaskGroupError')
    expect(find(captureTaskTree(), 'culprit').error).toBe(boom)
    expect(find(captureTaskTree(), 'victim').reason).toBeInstanceOf(CancelledError)
    expect(failing.cancel).toBeUndefined()
    releaseParent()
    expect((await done).status).toBe('fulfilled')
  })

  it('lists settled top-level scopes on request while somebody observes tasks, and forgets them with the last observer', async () => {
    const boom = new Error('boom')
    const failing = () =>
      capture(
        taskGroup(
          (tg) => {
            tg.createTask(never, { name: 'victim' })
            tg.createTask(() => Promise.reject(boom), { name: 'culprit' })
          },
          { name: 'alone' },
        ),
      )
    // Unobserved, a top-level scope leaves the tree with nothing kept.
    await failing()
    expect(captureTaskTree({ settledRoots: true })).toEqual([])
    const stop = observeTasks(() => {})
    const second = observeTasks(() => {})
    expect((await failing()).status).toBe('rejected')
    expect(captureTaskTree()).toEqual([])
    expect(shape(captureTaskTree({ settledRoots: true }))).toEqual([
      'group alone failed',
      '  task victim cancelled',
      '  task culprit failed',
    ])
    expect((find(captureTaskTree({ settledRoots: true }), 'alone').error as Error).name).toBe('TaskGroupError')
    stop()
    expect(captureTaskTree({ settledRoots: true })).toHaveLength(1)
    second()
    expect(captureTaskTree({ settledRoots: true })).toEqual([])
    expect(() => captureTaskTree({ settledRoots: 'yes' as never })).toThrow(
      'captureTaskTree(options): options.settledRoots must be true or false, got string',
    )
  })

  it('keeps the first failures of a long-lived group and only its latest other settled tasks', async () => {
    const scope = new GroupScope({ isolate: true, onError: () => {} })
    const close = scope.open()
    for (let i = 0; i < 120; i++) scope.createTask(() => i, { name: `before-${i}` })
    scope.createTask(() => Promise.reject(new Error('lost?')), { name: 'failure' })
    for (let i = 0; i < 120; i++) scope.createTask(() => i, { name: `after-${i}` })
    await vi.advanceTimersByTimeAsync(0)
    const names = captureTaskTree()[0]!.children.map((child) => child.name)
    expect(names[0]).toBe('failure')
    expect(names).toContain('after-119')
    expect(names).not.toContain('before-0')
    expect(names.length).toBeGreaterThanOrEqual(51)
    expect(names.length).toBeLessThanOrEqual(101)
    close()
    await vi.advanceTimersByTimeAsync(0)
  })

  it("cancels a runner's performances from its group's node, and the runner goes on performing", async () => {
    const runner = new TaskRunner({ fn: (signal) => never(signal), name: 'search' }, 'useTask')
    const close = runner.open()
    const first = capture(runner.perform())
    await vi.advanceTimersByTimeAsync(0)
    const group = find(captureTaskTree(), 'search')
    expect(group.kind).toBe('group')
    group.cancel!('from the tree')
    const outcome = await first
    expect(outcome.status).toBe('rejected')
    expect((outcome as { reason: Error }).reason).toBeInstanceOf(CancelledError)
    expect(runner.getSnapshot().isRunning).toBe(false)
    // A runner has no reset(): it is not left refusing every later performance.
    const second = runner.perform()
    expect(runner.getSnapshot().isRunning).toBe(true)
    close()
    await expect(second).rejects.toThrow('component unmounted')
  })

  it("cancels a task from its node, and lets a timeout's deadline pass from its node", async () => {
    const done = capture(
      taskGroup(
        (tg) => {
          tg.createTask(never, { name: 'doomed' })
          tg.createTask(() => timeout(60_000, (t) => never(t.signal)), { name: 'patient' })
        },
        { name: 'actions' },
      ),
    )
    await vi.advanceTimersByTimeAsync(0)
    find(captureTaskTree(), 'doomed').cancel!('from the tree')
    await vi.advanceTimersByTimeAsync(0)
    const doomed = find(captureTaskTree(), 'doomed')
    expect(doomed.state).toBe('cancelled')
    expect(doomed.reason?.message).toBe('task "doomed" was cancelled: from the tree')
    find(captureTaskTree(), 'timeout(60000)').expire!()
    const outcome = await done
    expect(outcome.status).toBe('rejected')
    const errors = (outcome as { reason: AggregateError }).reason.errors
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(TimeoutError)
  })
})

describe('formatTaskTree', () => {
  const base = { deadline: undefined, reason: undefined, error: undefined, unlinked: false, capturedAt: 10_000 }
  const tree: TaskTreeNode[] = [
    {
      ...base,
      id: 'group-1',
      kind: 'group',
      name: 'checkout',
      state: 'cancelling',
      startedAt: 8_800,
      endedAt: undefined,
      reason: new CancelledError('TaskGroup "checkout" is cancelling: task "charge" failed'),
      children: [
        {
          ...base,
          id: 'task-1',
          kind: 'task',
          name: 'user',
          state: 'fulfilled',
          startedAt: 8_800,
          endedAt: 8_920,
          children: [],
        },
        {
          ...base,
          id: 'task-2',
          kind: 'task',
          name: 'charge',
          state: 'failed',
          startedAt: 8_900,
          endedAt: 9_940,
          error: new TypeError('card declined'),
          children: [],
        },
        {
          ...base,
          id: 'task-3',
          kind: 'task',
          name: 'cart',
          state: 'running',
          startedAt: undefined,
          endedAt: undefined,
          children: [
            {
              ...base,
              id: 'timeout-1',
              kind: 'timeout',
              name: 'timeout(5000)',
              state: 'running',
              startedAt: 8_900,
              endedAt: undefined,
              deadline: 13_900,
              children: [],
            },
          ],
        },
      ],
    },
    {
      ...base,
      id: 'timeout-2',
      kind: 'timeout',
      name: 'useTimeout-1',
      state: 'running',
      startedAt: 9_999.6,
      endedAt: undefined,
      deadline: null,
      children: [],
    },
  ]

  it('prints one line per node, indented as it nests, with state, timing, deadline and reason', () => {
    expect(formatTaskTree(tree)).toBe(
      [
        'group "checkout" cancelling for 1.2 s — TaskGroup "checkout" is cancelling: task "charge" failed',
        '├── task "user" fulfilled in 120 ms',
        '├── task "charge" failed in 1.0 s — TypeError: card declined',
        '└── task "cart" running',
        '    └── timeout "timeout(5000)" running for 1.1 s, deadline in 3.9 s',
        'timeout "useTimeout-1" running for 0 ms, no deadline',
      ].join('\n'),
    )
  })

  it('measures ages at the time it is given, and says so when nothing is live', () => {
    expect(formatTaskTree(tree, { now: 14_000 }).split('\n')[4]).toBe(
      '    └── timeout "timeout(5000)" running for 5.1 s, deadline passed',
    )
    expect(formatTaskTree([])).toBe('(no live scopes)')
  })

  it("gives a node's age, deadline and outcome piece by piece, in the same words", () => {
    const walk = (nodes: readonly TaskTreeNode[]): TaskTreeNode[] => nodes.flatMap((n) => [n, ...walk(n.children)])
    const words = walk(tree).map((node) => describeNodeParts(node, 14_000))
    expect(words.map((w) => w.deadline).filter((d) => d !== undefined)).toEqual(['deadline passed', 'no deadline'])
    for (const [index, line] of formatTaskTree(tree, { now: 14_000 }).split('\n').entries()) {
      const { age, deadline, outcome } = words[index]!
      for (const piece of [age, deadline, outcome]) if (piece !== undefined) expect(line).toContain(piece)
    }
    expect(words.some((w) => w.outcome !== undefined)).toBe(true)
  })
})
