import { TaskDevtools } from 'react-taskgroup/devtools'
import { Dashboard } from './Dashboard'

export function App({ urls }: { urls: string[] }) {
  return (
    <>
      <Dashboard urls={urls} />
      {/* A "Tasks" button in a corner that opens the live task tree; nothing in production builds. */}
      <TaskDevtools />
    </>
  )
}
