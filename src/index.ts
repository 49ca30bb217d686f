/**
 * `react-taskgroup`: structured concurrency for React. The hooks, plus the whole core
 * (`react-taskgroup/core`) re-exported.
 */
// From the package's own core entry, so that both entries share one copy of the runtime
// (one CancelledError class, one task registry) in ESM and in CJS alike.
export * from 'react-taskgroup/core'
export * from './react/index'
