/** Which screen is showing. Plain state: the flow machine decides transitions inside a session. */
/** 'drill' is reached from the flow (after the gate), not from the tab bar. */
export type Screen =
  'session' | 'drill' | 'live' | 'timer' | 'history' | 'learning' | 'resonance' | 'settings'

/**
 * `chromeHidden`: a focus screen (the running study timer) asks the shell to hide the navigation,
 * the notices and the device bar; the screen itself offers the way back (a key and a small button).
 */
export const nav = $state<{ screen: Screen; chromeHidden: boolean }>({ screen: 'live', chromeHidden: false })

export function go(screen: Screen): void {
  nav.screen = screen
}

export function hideChrome(hidden: boolean): void {
  nav.chromeHidden = hidden
}
