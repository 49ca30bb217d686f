import { taskGroup, timeout, TimeoutError } from 'react-taskgroup/core'

/** A user and their posts, both or neither, within five seconds. */
export async function loadProfile(api: string) {
  try {
    return await timeout(5_000, (t) =>
      taskGroup(
        async (tg) => {
          const user = tg.createTask((signal) => fetch(`${api}/user`, { signal }).then((r) => r.json()))
          const posts = tg.createTask((signal) => fetch(`${api}/posts`, { signal }).then((r) => r.json()))
          return { user: await user, posts: await posts }
        },
        { signal: t.signal },
      ),
    )
  } catch (error) {
    if (error instanceof TimeoutError) return undefined // over 5 s: both requests were aborted
    throw error
  }
}
