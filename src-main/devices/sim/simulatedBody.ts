/**
 * A simulated person standing on a balance board: how much load they put on it and where their
 * centre of pressure (CoP) is, every few milliseconds. Not a sine toy:
 *
 *   CoP(t) = stance centre + slow(t) + fast(t)        per axis (x = medio-lateral, y = antero-posterior)
 *
 * where slow and fast are two Ornstein-Uhlenbeck processes (mean-reverting random walks): a slow
 * drift (time constant ~4 s, the "rambling" of the body over the feet) and a fast component
 * (~0.25 s, the ankle corrections "trembling" on top of it). Their standard deviations are set
 * per stance so the CoP sways a few mm RMS on both feet with eyes open (posturography norms are
 * ~2-5 mm), more with eyes closed, much more in tandem (mostly side to side) and on one leg.
 * The load is the body mass plus breathing and heartbeat ripples (+-0.1-0.2 kg).
 *
 * Now and then the person loses balance - more often on harder stances (a Poisson process with a
 * per-stance rate): either a sharp load drop (the free foot touches the floor for a moment, CoP
 * jerks) or a step off the board for a couple of seconds before stepping back on.
 *
 * Seeded (sim/random.ts): the same seed gives the same sway, so tests are reproducible.
 */
import { createRng, type Rng } from './random'
import type { Stance } from '../../shared/drill'

export interface StanceSway {
  /** RMS sway of the CoP per axis, mm (slow and fast components together). */
  mlRmsMm: number
  apRmsMm: number
  /** Where the CoP sits on average (single leg: over the standing foot), mm, x right, y front. */
  centreXMm: number
  centreYMm: number
  /** Losses of balance per minute. */
  lossesPerMin: number
}

/** Single-leg stances stand on the left foot, about 9.5 cm left of the board's centre. */
export const STANCE_SWAY: Record<Stance, StanceSway> = {
  'both-feet-eyes-open': { mlRmsMm: 2.5, apRmsMm: 3.5, centreXMm: 0, centreYMm: 0, lossesPerMin: 0.02 },
  'both-feet-eyes-closed': { mlRmsMm: 3.5, apRmsMm: 5.5, centreXMm: 0, centreYMm: 0, lossesPerMin: 0.1 },
  tandem: { mlRmsMm: 7, apRmsMm: 5, centreXMm: 0, centreYMm: 5, lossesPerMin: 0.8 },
  'single-leg-eyes-open': { mlRmsMm: 6, apRmsMm: 8, centreXMm: -95, centreYMm: 0, lossesPerMin: 1.2 },
  'single-leg-head-movements': { mlRmsMm: 8, apRmsMm: 10, centreXMm: -95, centreYMm: 0, lossesPerMin: 2 },
  'single-leg-eyes-closed': { mlRmsMm: 11, apRmsMm: 14, centreXMm: -95, centreYMm: 0, lossesPerMin: 4 }
}

/** Share of the sway variance in the slow component; the rest is fast. */
const SLOW_SHARE = 0.65
const SLOW_TAU_MS = 4000
const FAST_TAU_MS = 250
/**
 * Real CoP is band-limited (body inertia; nearly all power below ~2 Hz), but an OU path is rough
 * at every scale, so its sampled path length grows with the sampling rate. A first-order low-pass
 * on the sum makes the path smooth, giving the ~10-15 mm/s mean velocity of quiet standing.
 */
const SMOOTH_TAU_MS = 150
/** How fast the load follows a change (stepping on/off, a drop): first order, ms. */
const LOAD_TAU_MS = 60

export interface BodyLoad {
  totalKg: number
  copXMm: number
  copYMm: number
}

export interface BodyEvent {
  tMs: number
  kind: 'step-on' | 'step-off' | 'load-drop'
  /** Deliberate (stance set to null / back) or a loss of balance. */
  cause: 'stance' | 'loss-of-balance'
}

export interface SimulatedBodyOptions {
  seed?: number
  massKg?: number
  /** null = not on the board. */
  stance?: Stance | null
  /** Multiplies every stance's loss rate (0 = never loses balance). */
  lossRateFactor?: number
  /** Integration step, ms. */
  stepMs?: number
}

type Phase =
  { kind: 'steady' } | { kind: 'drop'; untilMs: number; depth: number } | { kind: 'off'; untilMs: number }

export class SimulatedBody {
  readonly massKg: number
  readonly events: BodyEvent[] = []
  private readonly rng: Rng
  private readonly stepMs: number
  private readonly lossRateFactor: number
  private stanceNow: Stance | null
  private tMs = 0
  private load = 0 // fraction of the mass on the board, 0..1
  private phase: Phase = { kind: 'steady' }
  private slow = [0, 0]
  private fast = [0, 0]
  private smooth = [0, 0]
  private jerk = [0, 0]
  private centre = [0, 0]
  private readonly breathPhase: number

  constructor(options: SimulatedBodyOptions = {}) {
    this.rng = createRng(options.seed ?? 1)
    this.massKg = options.massKg ?? 70
    this.stepMs = options.stepMs ?? 5
    this.lossRateFactor = options.lossRateFactor ?? 1
    this.stanceNow = options.stance === undefined ? 'both-feet-eyes-open' : options.stance
    if (this.stanceNow) {
      this.load = 1
      const s = STANCE_SWAY[this.stanceNow]
      this.centre = [s.centreXMm, s.centreYMm]
    }
    this.breathPhase = this.rng.next() * 2 * Math.PI
  }

  get stance(): Stance | null {
    return this.stanceNow
  }

  get elapsedMs(): number {
    return this.tMs
  }

  /** Whether the person is on the board (steady or recovering), not stepped off. */
  get onBoard(): boolean {
    return this.stanceNow !== null && this.phase.kind !== 'off'
  }

  /** Take a stance on the board, or step off (null). */
  setStance(stance: Stance | null): void {
    const wasOn = this.onBoard
    this.stanceNow = stance
    this.phase = { kind: 'steady' }
    if (stance && !wasOn) this.events.push({ tMs: this.tMs, kind: 'step-on', cause: 'stance' })
    if (!stance && wasOn) this.events.push({ tMs: this.tMs, kind: 'step-off', cause: 'stance' })
  }

  /** Move time forward by `ms`; returns the load at the end. */
  advance(ms: number): BodyLoad {
    const end = this.tMs + ms
    while (this.tMs + this.stepMs <= end) this.step(this.stepMs)
    if (end > this.tMs) this.step(end - this.tMs)
    return this.current()
  }

  /** The load right now, without moving time. */
  current(): BodyLoad {
    const t = this.tMs / 1000
    const ripple =
      0.12 * Math.sin(2 * Math.PI * 0.25 * t + this.breathPhase) + // breathing
      0.05 * Math.sin(2 * Math.PI * 1.2 * t) // heartbeat (ballistocardiogram)
    const totalKg = this.load * (this.massKg + ripple)
    return {
      totalKg,
      copXMm: this.centre[0]! + this.smooth[0]! + this.jerk[0]!,
      copYMm: this.centre[1]! + this.smooth[1]! + this.jerk[1]!
    }
  }

  private step(dt: number): void {
    this.tMs += dt
    const stance = this.stanceNow
    const sway = stance ? STANCE_SWAY[stance] : STANCE_SWAY['both-feet-eyes-open']
    // Sway: two OU processes per axis, exact discretisation (stationary sd = target).
    const rms = [sway.mlRmsMm, sway.apRmsMm]
    const aSlow = Math.exp(-dt / SLOW_TAU_MS)
    const aFast = Math.exp(-dt / FAST_TAU_MS)
    for (let k = 0; k < 2; k++) {
      const sdSlow = rms[k]! * Math.sqrt(SLOW_SHARE)
      const sdFast = rms[k]! * Math.sqrt(1 - SLOW_SHARE)
      this.slow[k] = aSlow * this.slow[k]! + Math.sqrt(1 - aSlow * aSlow) * sdSlow * this.rng.gauss()
      this.fast[k] = aFast * this.fast[k]! + Math.sqrt(1 - aFast * aFast) * sdFast * this.rng.gauss()
      const sum = this.slow[k]! + this.fast[k]!
      this.smooth[k] = this.smooth[k]! + (sum - this.smooth[k]!) * (1 - Math.exp(-dt / SMOOTH_TAU_MS))
      this.jerk[k] = this.jerk[k]! * Math.exp(-dt / 300)
      // A change of stance moves the CoP over ~0.5 s, not instantly.
      const target = k === 0 ? sway.centreXMm : sway.centreYMm
      this.centre[k] = this.centre[k]! + (target - this.centre[k]!) * (1 - Math.exp(-dt / 500))
    }

    // Losses of balance.
    if (stance && this.phase.kind === 'steady') {
      const p = (sway.lossesPerMin * this.lossRateFactor * dt) / 60_000
      if (this.rng.next() < p) this.loseBalance()
    }
    if (this.phase.kind !== 'steady' && this.tMs >= this.phase.untilMs) {
      if (this.phase.kind === 'off')
        this.events.push({ tMs: this.tMs, kind: 'step-on', cause: 'loss-of-balance' })
      this.phase = { kind: 'steady' }
    }

    const target = !stance
      ? 0
      : this.phase.kind === 'off'
        ? 0
        : this.phase.kind === 'drop'
          ? this.phase.depth
          : 1
    this.load += (target - this.load) * (1 - Math.exp(-dt / LOAD_TAU_MS))
  }

  private loseBalance(): void {
    const angle = this.rng.next() * 2 * Math.PI
    const size = 15 + 25 * this.rng.next()
    this.jerk = [size * Math.cos(angle), size * Math.sin(angle)]
    if (this.rng.next() < 0.35) {
      this.phase = { kind: 'off', untilMs: this.tMs + 1500 + 1500 * this.rng.next() }
      this.events.push({ tMs: this.tMs, kind: 'step-off', cause: 'loss-of-balance' })
    } else {
      this.phase = {
        kind: 'drop',
        untilMs: this.tMs + 300 + 400 * this.rng.next(),
        depth: 0.35 + 0.25 * this.rng.next()
      }
      this.events.push({ tMs: this.tMs, kind: 'load-drop', cause: 'loss-of-balance' })
    }
  }
}
