import * as React from 'react'

/**
 * Whether React is rendering a component right now. React exposes no API for this; its hooks
 * dispatcher tells. React 18 and 19 set a real one while a component renders, and outside
 * render either none or the "context only" one, whose hooks are all the same function that
 * throws "Invalid hook call". Where neither internal is found (a future React), the check
 * says "not rendering" rather than refusing legitimate calls.
 */
type Internals = {
  H?: unknown // React 19
  ReactCurrentDispatcher?: { current: unknown } // React 18
}

const exports = React as unknown as Record<string, Internals | undefined>
const internals: Internals | undefined =
  '__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE' in exports
    ? exports.__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE
    : exports.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED

export function isRendering(): boolean {
  if (internals === undefined) return false
  const dispatcher = 'H' in internals ? internals.H : internals.ReactCurrentDispatcher?.current
  if (dispatcher === null || typeof dispatcher !== 'object') return false
  const { useState, useEffect } = dispatcher as { useState?: unknown; useEffect?: unknown }
  return useState !== useEffect
}
