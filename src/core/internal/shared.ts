import type { TaskObserver } from '../instrument'
import type { CancelNodeInternal } from './cancelNode'
import type { InspectFnInternal, RetiredScopeInternal } from './inspectable'

/**
 * The registries every copy of the runtime in one JavaScript realm shares. An app can load
 * the package twice, through `import` (the ESM build) and through `require` (the CommonJS
 * build), directly or through a dependency: each copy has its own classes, but they find each
 * other's scopes here, so a group made by one copy nests under the other's signals without a
 * listener per child, generators see the other's scopes, an unmount is recognised whoever made
 * it, and `observeTasks` sees every task. The key carries the version of this layout: a copy
 * whose layout differs keeps to itself under its own key instead of misreading these.
 * (docs/internals.md, "Registries".)
 */
export interface SharedRegistriesInternal {
  /** Signals of groups, timeouts and windows, mapped to their cancel node (cancelNode.ts). */
  readonly nodeOfSignal: WeakMap<AbortSignal, CancelNodeInternal>
  /** Promises of `taskGroup()` and `timeout()` calls, mapped to the signal they follow (drive.ts). */
  readonly scopeParents: WeakMap<object, AbortSignal>
  /** Promises a generator awaits without being interrupted (drive.ts). */
  readonly shielded: WeakSet<object>
  /** The reasons scopes' closes abort with (scopes/store.ts). */
  readonly closeReasons: WeakSet<object>
  /** The observers of `observeTasks` (instrument.ts). */
  readonly observers: Set<TaskObserver>
  /** Every scope that has not settled (groups, timeouts, windows), with how to inspect it (inspectable.ts). */
  readonly live: Map<object, InspectFnInternal>
  /** The last scopes that settled under a parent, oldest first, kept for the task tree (inspectable.ts). */
  readonly retired: RetiredScopeInternal[]
}

const key = Symbol.for('react-taskgroup.registries.v2')
const realm = globalThis as typeof globalThis & { [key]?: SharedRegistriesInternal }

export const shared: SharedRegistriesInternal = (realm[key] ??= {
  nodeOfSignal: new WeakMap(),
  scopeParents: new WeakMap(),
  shielded: new WeakSet(),
  closeReasons: new WeakSet(),
  observers: new Set(),
  live: new Map(),
  retired: [],
})
