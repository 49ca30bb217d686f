import { useOptimistic, useState } from 'react'
import { useTaskAction } from 'react-taskgroup'
import { FakeApi, statsLine, useApiStats } from '../support/fakeApi'
import { Timeline } from '../support/Timeline'
import { box, Controls, Runs } from '../support/ui'

/**
 * A comment form whose submissions use 'restart': a newer submission aborts the one still
 * being sent. Each comment shows at once as an optimistic "sending…" item.
 */
function Comments({ api, requestMs }: { api: FakeApi; requestMs: number }) {
  const [comments, post, isPending, { cancelAll }] = useTaskAction(
    async (signal, list: string[], form: FormData) => {
      const text = String(form.get('text'))
      return [...list, await api.request(text, requestMs, signal)]
    },
    [],
    { concurrency: 'restart', name: 'post comment' },
  )
  // React keeps every pending Action's optimistic items until all of them have settled: a
  // restarted submission's "sending…" item stays until the newer one is saved.
  const [shown, addOptimistic] = useOptimistic(comments, (list: string[], text: string) => [
    ...list,
    `${text} (sending…)`,
  ])
  const submit = (form: FormData) => {
    addOptimistic(String(form.get('text')))
    post(form)
  }
  return (
    <>
      <form action={submit}>
        <Controls>
          <input name="text" aria-label="comment" defaultValue="first" />
          <button type="submit">Post</button>
          <button type="button" onClick={() => cancelAll()}>
            Stop sending
          </button>
          <span aria-label="pending">{isPending ? 'sending…' : 'idle'}</span>
        </Controls>
      </form>
      <ul aria-label="comments">
        {shown.map((comment, i) => (
          <li key={i} style={{ color: comment.endsWith('(sending…)') ? '#4b5563' : '#111827' }}>
            {comment}
          </li>
        ))}
      </ul>
      <Timeline group="post comment" status={isPending ? 'sending' : 'idle'} span={requestMs * 2 + 500} />
    </>
  )
}

export function CommentFormDemo({ requestMs = 2000 }: { requestMs?: number }) {
  const [api] = useState(() => new FakeApi())
  const stats = useApiStats(api)
  return (
    <section style={box}>
      <Runs
        start="Open the form"
        again="Open it afresh"
        waiting="Press “Open the form”, post a comment, then post another before the first is saved."
      >
        {() => <Comments api={api} requestMs={requestMs} />}
      </Runs>
      <p aria-label="stats">{statsLine(stats)}</p>
    </section>
  )
}
