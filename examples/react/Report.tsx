import { useState } from 'react'
import { useTaskEffect, useTaskGroup } from 'react-taskgroup'

export function Report({ url, timeoutMs = 5_000 }: { url: string; timeoutMs?: number }) {
  // A deadline over the group's work: it ends when the work does, so a loaded report stays.
  const group = useTaskGroup({ name: 'report', timeout: timeoutMs })
  const [report, setReport] = useState<string>()
  // A task of the group: its failure fails the group, and it runs again after group.reset().
  useTaskEffect(
    async (signal) => {
      const response = await fetch(url, { signal })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      setReport(await response.text())
    },
    [url],
    { group },
  )
  const retry = <button onClick={group.reset}>Try again</button>
  if (group.expired) return <p role="alert">Taking longer than expected. {retry}</p>
  if (group.status === 'failed')
    return (
      <p role="alert">
        Could not load: {String(group.error.errors[0])} {retry}
      </p>
    )
  return <p>{report ?? 'Loading…'}</p>
}
