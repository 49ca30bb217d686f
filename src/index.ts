/**
 * `react-taskgroup`: structured concurrency for React. Re-exports the whole core
 * (`react-taskgroup/core`); the hooks live here too.
 */
export * from './core/index'
