/**
 * Audible cues so the eyes-closed levels need no screen: short Web Audio tones (always, when
 * sound is on) plus, optionally, the browser's speech synthesis when it exists. Nothing here is
 * required: without Web Audio or speech the drill still runs silently.
 */
import type { Cue } from './cues'

export interface CuePlayer {
  /** `spoken` is the localized sentence for speech synthesis (used only when speech is on). */
  play(cue: Cue['kind'] | 'error' | 'count', spoken: string | null): void
  readonly speechAvailable: boolean
  speech: boolean
  volume: number
  dispose(): void
}

type Tone = [freqHz: number, startS: number, durS: number]

// Rising for start, a single mid tone halfway, falling for the end, a soft double for head moves.
const TONES: Record<Cue['kind'] | 'error' | 'count', Tone[]> = {
  count: [[440, 0, 0.09]],
  start: [
    [523, 0, 0.14],
    [784, 0.16, 0.22]
  ],
  half: [[659, 0, 0.25]],
  head: [
    [587, 0, 0.1],
    [587, 0.14, 0.1]
  ],
  error: [[392, 0, 0.12]],
  end: [
    [784, 0, 0.16],
    [659, 0.18, 0.16],
    [523, 0.36, 0.3]
  ]
}

export function createCuePlayer(): CuePlayer {
  let ctx: AudioContext | null = null
  const synth: SpeechSynthesis | null =
    typeof globalThis.speechSynthesis === 'object' && typeof SpeechSynthesisUtterance === 'function'
      ? globalThis.speechSynthesis
      : null

  const audio = (): AudioContext | null => {
    if (ctx) return ctx
    const Ctor = globalThis.AudioContext
    if (typeof Ctor !== 'function') return null
    try {
      ctx = new Ctor()
    } catch {
      ctx = null
    }
    return ctx
  }

  const player: CuePlayer = {
    speechAvailable: synth !== null,
    speech: false,
    volume: 0.6,
    play(kind, spoken) {
      const ac = audio()
      if (ac && player.volume > 0) {
        if (ac.state === 'suspended') void ac.resume().catch(() => {})
        const t0 = ac.currentTime + 0.02
        for (const [freq, start, dur] of TONES[kind]) {
          const osc = ac.createOscillator()
          const gain = ac.createGain()
          osc.type = 'sine'
          osc.frequency.value = freq
          // Short attack and release: no clicks.
          gain.gain.setValueAtTime(0, t0 + start)
          gain.gain.linearRampToValueAtTime(0.25 * player.volume, t0 + start + 0.02)
          gain.gain.linearRampToValueAtTime(0, t0 + start + dur)
          osc.connect(gain).connect(ac.destination)
          osc.start(t0 + start)
          osc.stop(t0 + start + dur + 0.02)
        }
      }
      if (player.speech && synth && spoken) {
        try {
          synth.cancel()
          const u = new SpeechSynthesisUtterance(spoken)
          u.lang = document.documentElement.lang || 'en'
          u.volume = player.volume
          synth.speak(u)
        } catch {
          // speech is a bonus, never required
        }
      }
    },
    dispose() {
      try {
        synth?.cancel()
      } catch {
        // ignore
      }
      void ctx?.close().catch(() => {})
      ctx = null
    }
  }
  return player
}
