import { useEffect, useState } from 'react'
import { useTaskGroup } from 'react-taskgroup'

export function Dashboard({ urls }: { urls: string[] }) {
  const group = useTaskGroup({ name: 'dashboard' })
  const [data, setData] = useState<Record<string, unknown>>({})
  const { createTask } = group
  useEffect(() => {
    for (const url of urls) {
      createTask(async (signal) => {
        // Aborted when the component unmounts, or as soon as another request fails.
        const response = await fetch(url, { signal })
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
        const body: unknown = await response.json()
        setData((loaded) => ({ ...loaded, [url]: body }))
      })
    }
  }, [createTask, urls])
  if (group.status === 'failed') return <p role="alert">Could not load: {group.error.errors.join('; ')}</p>
  if (Object.keys(data).length < urls.length) return <p>Loading…</p>
  return <pre>{JSON.stringify(data, null, 2)}</pre>
}
