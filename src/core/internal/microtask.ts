const resolved = Promise.resolve()

/**
 * Runs `callback` on a later microtask, in the same queue and order as `queueMicrotask`, as
 * the reaction of a resolved promise: cheaper in Node (its `queueMicrotask` makes an async
 * resource per call, and a task settles through one; figures in bench/README.md), and a
 * faked `queueMicrotask` cannot hold back the runtime's own steps, which are no more timers
 * than an `await` is. The runtime's callbacks never throw (user callbacks run inside them,
 * each caught and reported).
 */
export function microtask(callback: () => void): void {
  void resolved.then(callback)
}
