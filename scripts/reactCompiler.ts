import { transformAsync } from '@babel/core'
import type { Plugin } from 'vite'

/**
 * A Vite plugin that runs the React Compiler (babel-plugin-react-compiler 1.x) over the files
 * `include` matches, before TypeScript is stripped: what an app built with the compiler does
 * to its components. Used by the "react 19 compiled" test project.
 */
export function reactCompiler(include: RegExp): Plugin {
  return {
    name: 'react-taskgroup:react-compiler',
    enforce: 'pre',
    async transform(code, id) {
      if (!include.test(id)) return undefined
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        parserOpts: { plugins: ['typescript', 'jsx'] },
        plugins: [['babel-plugin-react-compiler', { target: '19' }]],
        sourceMaps: true,
      })
      return result?.code == null ? undefined : { code: result.code, map: result.map }
    },
  }
}
