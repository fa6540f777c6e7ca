/** Which screen is showing. Plain state: the flow machine decides transitions inside a session. */
/** 'drill' is reached from the flow (after the gate), not from the tab bar. */
export type Screen =
  'session' | 'drill' | 'live' | 'timer' | 'history' | 'learning' | 'resonance' | 'settings'

export const nav = $state<{ screen: Screen }>({ screen: 'live' })

export function go(screen: Screen): void {
  nav.screen = screen
}
