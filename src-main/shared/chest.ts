/**
 * Breathing measured at the chest (a Polar H10's accelerometer over PMD), as main sends it to the
 * screens: the 10 Hz breathing waveform and the breath onsets found in it. The estimator is
 * signal/chestBreathing.ts; main runs it on the active strap's chest data (core/features/liveChest.ts).
 */

/** One point of the breathing waveform: mG along the breathing axis, positive = towards full lungs. */
export interface ChestPoint {
  tMs: number
  value: number
}

/** A breath turn: 'inhale' = a breath began (trough), 'exhale' = the exhale began (peak). */
export interface ChestMark {
  kind: 'inhale' | 'exhale'
  tMs: number
}

/** What is new in the measured breathing since the last update (sent as `breathing:chest`). */
export interface ChestBreathingUpdate {
  /** The source the chest data comes from (a new one starts a new line). */
  sourceId: string
  /** Waveform points since the last update, oldest first. */
  points: ChestPoint[]
  /** Breath turns confirmed since the last update (a turn is known a second or two after it). */
  marks: ChestMark[]
  /** Breaths per minute over the last breaths; null until two breaths are complete. */
  rateBpm: number | null
  /** The chest data broke off before these points: a line must not join across. */
  gap: boolean
}
