/**
 * Optional audio cues for the pacer: one short Web Audio oscillator tone per phase, distinct in
 * pitch and shape so the phases can be followed with eyes closed. Off by default (settings.audio).
 */
import type { BreathPhaseName } from '../../../../src-main/shared/breathing'

export interface Cue {
  freqHz: number
  durationMs: number
  wave: OscillatorType
}

/** Rising pitch for breathing in, a falling low tone for out, a soft low hum for the hold. */
export const CUES: Record<BreathPhaseName, Cue> = {
  inhale: { freqHz: 440, durationMs: 220, wave: 'sine' },
  'top-up': { freqHz: 660, durationMs: 140, wave: 'sine' },
  exhale: { freqHz: 294, durationMs: 320, wave: 'triangle' },
  'hold-empty': { freqHz: 196, durationMs: 400, wave: 'sine' },
  'hold-full': { freqHz: 523, durationMs: 400, wave: 'sine' }
}

export type AudioContextFactory = () => AudioContext

export class AudioCues {
  private ctx: AudioContext | null = null

  constructor(private readonly create: AudioContextFactory = () => new AudioContext()) {}

  /** Play the cue for a phase at volume 0..1. Silently does nothing where Web Audio is missing. */
  play(phase: BreathPhaseName, volume: number): void {
    if (volume <= 0) return
    try {
      this.ctx ??= this.create()
      const ctx = this.ctx
      if (ctx.state === 'suspended') void ctx.resume()
      const cue = CUES[phase]
      const t0 = ctx.currentTime
      const t1 = t0 + cue.durationMs / 1000
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.type = cue.wave
      osc.frequency.setValueAtTime(cue.freqHz, t0)
      // Short attack and release: no clicks.
      const peak = Math.min(1, Math.max(0, volume)) * 0.3
      gain.gain.setValueAtTime(0, t0)
      gain.gain.linearRampToValueAtTime(peak, t0 + 0.02)
      gain.gain.linearRampToValueAtTime(0, t1)
      osc.connect(gain).connect(ctx.destination)
      osc.start(t0)
      osc.stop(t1 + 0.02)
    } catch {
      // No audio device: the visual pacer still works.
    }
  }

  dispose(): void {
    void this.ctx?.close().catch(() => {})
    this.ctx = null
  }
}
