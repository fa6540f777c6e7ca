/**
 * The editable settings as a list of fields (pure, unit-tested): which setting, its unit, the range
 * the form offers (narrower than the validator's where the issue asks for it, e.g. the check-in is
 * 60-120 s in the UI while the file accepts shorter values for demos and tests), and the patch a
 * change produces. The screen only renders this list.
 */
import { DEFAULT_SETTINGS, type Settings } from '../../../../src-main/shared/settings'

export type NumberSection =
  'checkIn' | 'sigh' | 'superOxygenation' | 'resonance' | 'audio' | 'drill' | 'timer'
export type Unit = 's' | 'min' | 'breaths' | 'pct'

export interface NumberField {
  section: NumberSection
  key: string
  unit: Unit
  min: number
  max: number
  step: number
  /**
   * 'minutes': stored in seconds but shown in minutes (durations of several minutes);
   * 'stored-minutes': stored and shown in minutes, but below a minute shown in seconds too.
   */
  display?: 'minutes' | 'stored-minutes' | 'percent'
}

export const NUMBER_FIELDS: readonly NumberField[] = [
  { section: 'checkIn', key: 'durationS', unit: 's', min: 60, max: 120, step: 5 },
  { section: 'sigh', key: 'inhaleS', unit: 's', min: 1, max: 6, step: 0.1 },
  { section: 'sigh', key: 'topUpS', unit: 's', min: 0.3, max: 3, step: 0.1 },
  { section: 'sigh', key: 'exhaleS', unit: 's', min: 3, max: 20, step: 0.5 },
  { section: 'sigh', key: 'durationS', unit: 'min', min: 1, max: 30, step: 1, display: 'minutes' },
  { section: 'superOxygenation', key: 'inhaleS', unit: 's', min: 0.8, max: 4, step: 0.1 },
  { section: 'superOxygenation', key: 'exhaleS', unit: 's', min: 0.5, max: 4, step: 0.1 },
  { section: 'superOxygenation', key: 'breathsPerRound', unit: 'breaths', min: 5, max: 40, step: 1 },
  // Holds are capped at 15 s: a safety rule of the protocol, not a preference.
  { section: 'superOxygenation', key: 'holdS', unit: 's', min: 0, max: 15, step: 1 },
  {
    section: 'superOxygenation',
    key: 'durationS',
    unit: 'min',
    min: 1,
    max: 30,
    step: 1,
    display: 'minutes'
  },
  // Resonance test: ~2 min steps and ~20 s rests in the literature; the file takes shorter ones.
  { section: 'resonance', key: 'stepS', unit: 's', min: 60, max: 300, step: 10 },
  { section: 'resonance', key: 'restS', unit: 's', min: 0, max: 120, step: 5 },
  { section: 'resonance', key: 'durationS', unit: 'min', min: 5, max: 10, step: 1, display: 'minutes' },
  { section: 'audio', key: 'volume', unit: 'pct', min: 0, max: 100, step: 5, display: 'percent' },
  { section: 'drill', key: 'trialS', unit: 's', min: 10, max: 120, step: 5 },
  { section: 'timer', key: 'blockMin', unit: 'min', min: 30, max: 120, step: 5, display: 'stored-minutes' }
]

export const fieldId = (f: NumberField): string => `${f.section}.${f.key}`

function stored(settings: Settings, f: NumberField): number {
  return (settings[f.section] as unknown as Record<string, number>)[f.key]!
}

/**
 * The unit a field is shown in: a minutes field holding less than a minute (a shortened demo or
 * test value) is shown in seconds, because "0.3 min" makes a person do arithmetic for 18 s.
 */
export function displayUnit(settings: Settings, f: NumberField): Unit {
  if (f.display === 'minutes') return stored(settings, f) < 60 ? 's' : f.unit
  if (f.display === 'stored-minutes') return stored(settings, f) < 1 ? 's' : f.unit
  return f.unit
}

/** The value the form shows for a stored setting. */
export function displayValue(settings: Settings, f: NumberField): number {
  const value = stored(settings, f)
  if (f.display === 'minutes' && displayUnit(settings, f) === 's') return value
  if (f.display === 'stored-minutes' && displayUnit(settings, f) === 's') return Math.round(value * 60)
  if (f.display === 'minutes') return Math.round((value / 60) * 10) / 10
  if (f.display === 'percent') return Math.round(value * 100)
  return value
}

export type FieldCheck =
  | { ok: true; patch: Partial<Record<NumberSection, Record<string, number>>> }
  | { ok: false; min: number; max: number }

/**
 * Turns what the user typed into a settings patch, or says the allowed range. `shownUnit` is the
 * unit the field showed (displayUnit): a minutes field shown in seconds takes seconds.
 */
export function patchFor(f: NumberField, typed: string, shownUnit: Unit = f.unit): FieldCheck {
  if ((f.display === 'minutes' || f.display === 'stored-minutes') && shownUnit === 's') {
    const seconds = Number(typed.trim().replace(',', '.'))
    return patchFor(f, typed.trim() === '' || !Number.isFinite(seconds) ? typed : String(seconds / 60))
  }
  const value = Number(typed.trim().replace(',', '.'))
  if (typed.trim() === '' || !Number.isFinite(value) || value < f.min || value > f.max)
    return { ok: false, min: f.min, max: f.max }
  // Snap to the field's step (breaths per round are whole breaths); toFixed drops float noise.
  const snapped = Number((f.min + Math.round((value - f.min) / f.step) * f.step).toFixed(6))
  const storedValue =
    f.display === 'minutes' ? Math.round(snapped * 60) : f.display === 'percent' ? snapped / 100 : snapped
  return { ok: true, patch: { [f.section]: { [f.key]: storedValue } } }
}

/**
 * Cyclic sighing needs an exhale at least twice as long as the two inhales together (Balban et al.
 * 2023). Returns the shortest exhale that keeps that ratio, or null when the settings already do.
 */
export function sighExhaleTooShort(settings: Settings): number | null {
  const needed = 2 * (settings.sigh.inhaleS + settings.sigh.topUpS)
  return settings.sigh.exhaleS + 1e-9 < needed ? Math.round(needed * 10) / 10 : null
}

/** The patch that restores one section to its defaults (the screen keeps the old values for undo). */
export function resetSection(section: NumberSection | 'recording'): Partial<Settings> {
  const defaults = structuredClone(DEFAULT_SETTINGS[section]) as Record<string, unknown>
  // Consent to super-oxygenation is the user's decision, never reset as a side effect of timings.
  if (section === 'superOxygenation') delete defaults.optedIn
  // The sessions folder is main's to set (recording:location 'reset'); settings:update refuses it.
  if (section === 'recording') delete defaults.sessionsDir
  return { [section]: defaults } as Partial<Settings>
}
