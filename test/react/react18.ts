import Module from 'node:module'

/**
 * Setup of the "react 18" project. React 18 is installed under the aliases `react-18` and
 * `react-dom-18`; the test config points the sources' imports there, and this makes the
 * CommonJS `require('react')` / `require('react-dom')` inside react-dom and Testing Library
 * resolve there too, so that one React runs the whole test.
 */
type Resolve = (request: string, ...rest: unknown[]) => string
const loader = Module as unknown as { _resolveFilename: Resolve; __react18?: true }

if (loader.__react18 === undefined) {
  loader.__react18 = true
  const resolve = loader._resolveFilename
  loader._resolveFilename = function (request, ...rest) {
    const mapped = request.replace(/^react-dom(?=$|\/)/, 'react-dom-18').replace(/^react(?=$|\/)/, 'react-18')
    return resolve.call(this, mapped, ...rest)
  }
}
