import { CancelledError } from '../errors'
import { shared } from './shared'

/**
 * The cancellation state behind every task, group and timeout: sticky, like an AbortSignal,
 * but with its own registry of dependants, so that cancelling a group of N children is N
 * calls and not N listeners on one signal (listener lists on Node's AbortSignal are
 * quadratic). The platform `AbortSignal` is only created when something reads `signal`.
 */

/**
 * What a node tells when it aborts. An object rather than a function, so that an owner that
 * lives as long as its work (a generator's driver) registers itself, with no closure.
 */
export interface AbortDependantInternal {
  abortedWith(reason: CancelledError): void
}

/**
 * The signals of groups, timeouts and windows, mapped back to their node so that a scope
 * nested under one skips the platform listener. Task signals are left out: one WeakMap entry
 * (or one extra property) per task made garbage collection the largest cost of spawning
 * tasks, and a task's signal has few dependants anyway. A registry shared by every copy of
 * the runtime (shared.ts): a node found there may be another copy's, so it is used only
 * through its methods and public fields.
 */
const { nodeOfSignal } = shared

export class CancelNodeInternal {
  aborted = false
  reason: CancelledError | undefined = undefined
  #controller: AbortController | undefined = undefined
  /** One dependant as it is (the common case: a generator driver), more in a Set. */
  #dependants: AbortDependantInternal | Set<AbortDependantInternal> | undefined = undefined
  readonly #followable: boolean

  /** `followable`: scopes nested under this node's signal find it without a listener. */
  constructor(followable = true) {
    this.#followable = followable
  }

  /** The signal if it was created already; never creates it. */
  peekSignal(): AbortSignal | undefined {
    return this.#controller?.signal
  }

  get signal(): AbortSignal {
    let controller = this.#controller
    if (controller === undefined) {
      controller = this.#controller = new AbortController()
      if (this.#followable) nodeOfSignal.set(controller.signal, this)
      if (this.aborted) controller.abort(this.reason)
    }
    return controller.signal
  }

  /** Aborts once; later calls return false and change nothing (the first reason wins). */
  abort(reason: CancelledError): boolean {
    if (this.aborted) return false
    this.aborted = true
    this.reason = reason
    this.aborting(reason)
    this.#controller?.abort(reason)
    const dependants = this.#dependants
    this.#dependants = undefined
    if (dependants instanceof Set) for (const dependant of dependants) dependant.abortedWith(reason)
    else dependants?.abortedWith(reason)
    return true
  }

  /** Called first on abort, before the signal and the dependants: a group's node cancels its children here. */
  protected aborting(_reason: CancelledError): void {}

  /** Registers `dependant` for the abort (at most once per dependant). */
  subscribe(dependant: AbortDependantInternal): void {
    const dependants = this.#dependants
    if (dependants === undefined) this.#dependants = dependant
    else if (dependants instanceof Set) dependants.add(dependant)
    else if (dependants !== dependant) this.#dependants = new Set([dependants, dependant])
  }

  unsubscribe(dependant: AbortDependantInternal): void {
    const dependants = this.#dependants
    if (dependants === dependant) this.#dependants = undefined
    else if (dependants instanceof Set) dependants.delete(dependant)
  }
}

/**
 * Calls `callback` with the signal's reason when `signal` aborts, or at once if it already
 * has; nothing for `undefined`. Returns the function that stops listening. Signals made by
 * the runtime are followed through their node, other signals through one `abort` listener.
 */
export function followSignal(signal: AbortSignal | undefined, callback: (reason: unknown) => void): () => void {
  if (signal === undefined) return noop
  if (signal.aborted) {
    callback(signal.reason)
    return noop
  }
  const node = nodeOfSignal.get(signal)
  if (node !== undefined) return followNode(node, callback)
  const listener = (): void => callback(signal.reason)
  signal.addEventListener('abort', listener, { once: true })
  return () => signal.removeEventListener('abort', listener)
}

/** `followSignal` for a node: its signal is neither needed nor made. */
export function followNode(node: CancelNodeInternal, callback: (reason: CancelledError) => void): () => void {
  if (node.aborted) {
    callback(node.reason!)
    return noop
  }
  const dependant = { abortedWith: callback }
  node.subscribe(dependant)
  return () => node.unsubscribe(dependant)
}

function noop(): void {}

/**
 * The `CancelledError` for a cancellation that came from `reason`: the reason itself when it
 * is one, otherwise a new `CancelledError` with `message` and the reason as its `cause`.
 */
export function toCancelledError(reason: unknown, message: string): CancelledError {
  if (reason instanceof CancelledError) return reason
  if (reason === undefined) return new CancelledError(message)
  const detail = typeof reason === 'string' ? reason : reason instanceof Error ? reason.message : ''
  return new CancelledError(detail === '' ? message : `${message}: ${detail}`, { cause: reason })
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError'
}

/**
 * Whether `error`, thrown by work that ran under `node`, means the work was cancelled: any
 * `CancelledError`, or, once the node aborted, its reason or a DOM `AbortError` (what
 * `fetch` rejects with for a signal aborted without a reason of ours).
 */
export function isCancellation(error: unknown, node: CancelNodeInternal): boolean {
  if (error instanceof CancelledError) return true
  return node.aborted && (error === node.reason || isAbortError(error))
}
