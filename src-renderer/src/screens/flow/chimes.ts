/**
 * The guided practices' chime (a new part begins, the practice is over): one soft bell-like tone
 * that fades over about a second and a half, with the pacer's sound setting (settings.audio).
 * Unlike the pacer's phase cues it must outlive the screen: the last chime sounds as the screen
 * gives way to the re-check, so the audio context is closed only after it has rung out.
 */
import type { AudioContextFactory } from './audioCues'

export const CHIME = { freqHz: 528, overtoneHz: 1056, durationMs: 1600 } as const

export class Chimes {
  private ctx: AudioContext | null = null

  constructor(
    private readonly create: AudioContextFactory = () => new AudioContext(),
    private readonly later: (run: () => void, ms: number) => void = (run, ms) => void setTimeout(run, ms)
  ) {}

  /** Ring once at volume 0..1. Silently does nothing where Web Audio is missing. */
  ring(volume: number): void {
    if (volume <= 0) return
    try {
      this.ctx ??= this.create()
      const ctx = this.ctx
      if (ctx.state === 'suspended') void ctx.resume()
      const t0 = ctx.currentTime
      const t1 = t0 + CHIME.durationMs / 1000
      const peak = Math.min(1, Math.max(0, volume)) * 0.25
      for (const [freqHz, share] of [
        [CHIME.freqHz, 1],
        [CHIME.overtoneHz, 0.35]
      ] as const) {
        const osc = ctx.createOscillator()
        const gain = ctx.createGain()
        osc.type = 'sine'
        osc.frequency.setValueAtTime(freqHz, t0)
        // A quick strike, then a long exponential fade: a bell, not a beep.
        gain.gain.setValueAtTime(0.0001, t0)
        gain.gain.exponentialRampToValueAtTime(peak * share, t0 + 0.015)
        gain.gain.exponentialRampToValueAtTime(0.0001, t1)
        osc.connect(gain).connect(ctx.destination)
        osc.start(t0)
        osc.stop(t1 + 0.05)
      }
    } catch {
      // No audio device: the words on the screen still guide.
    }
  }

  /** Close the audio context once a chime still ringing has faded. */
  dispose(): void {
    const ctx = this.ctx
    this.ctx = null
    if (ctx) this.later(() => void ctx.close().catch(() => {}), CHIME.durationMs + 200)
  }
}
