/** Which screen is showing. Plain state: the flow machine decides transitions inside a session. */
export type Screen = 'session' | 'live' | 'timer' | 'history' | 'settings'

export const nav = $state<{ screen: Screen }>({ screen: 'live' })

export function go(screen: Screen): void {
  nav.screen = screen
}
