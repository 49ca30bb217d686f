import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useTaskAction } from 'react-taskgroup'

// useTaskAction stands on React 19's useActionState: on React 18 it says so; on 19 it renders.
// (Runs on both majors; the rest of its tests are in useTaskAction.react19.test.tsx.)
function Actions() {
  const [state] = useTaskAction(async (_signal, previous: string) => previous, 'ready')
  return <p>{state}</p>
}

describe(`useTaskAction on React ${process.env.REACT_MAJOR}`, () => {
  it(process.env.REACT_MAJOR === '18' ? 'throws an error that says it needs React 19' : 'renders', () => {
    if (process.env.REACT_MAJOR === '18') {
      expect(() => render(<Actions />)).toThrow(
        /^useTaskAction\(fn, initialState\) needs React 19 \(it stands on React's useActionState\); this is React 18\.\d+\.\d+\. Use useTask on React 18$/,
      )
    } else {
      render(<Actions />)
      expect(screen.getByText('ready')).toBeTruthy()
    }
  })
})
