/**
 * A simulated chest under a Polar H10: what its 3-axis accelerometer reads (mG) while the person
 * breathes. Breathing tilts the lower chest forward and back by a couple of degrees, so gravity
 * in the sensor frame (x lateral, y along the body, z out of the chest) swings by a few tens of
 * mG, mostly between y and z - the estimator has to find that direction itself. On top: the
 * heartbeat's ripple (~1 Hz), sensor noise, and a slow posture drift.
 *
 * The breath is the one the simulated heart follows (SimulatedHeart.lungAt), i.e. the pacer's
 * when a practice runs, so chest and RSA agree.
 */
import { createRng, type Rng } from './random'

export interface SimulatedChestOptions {
  seed?: number
  /** Tilt of the strap at full lungs vs empty, radians (0.035 = 2 deg). */
  breathTiltRad?: number
  /** Sensor noise per axis, mG (SD). */
  noiseMg?: number
  /** Heartbeat ripple amplitude, mG, and its rate. */
  heartRippleMg?: number
  heartRateBpm?: number
}

const G_MG = 1000

export class SimulatedChest {
  private readonly rng: Rng
  private readonly opts: Required<SimulatedChestOptions>

  constructor(
    /** Lung volume 0..1 at simulation time ms (e.g. heart.lungAt). */
    private readonly lungAt: (simMs: number) => number,
    options: SimulatedChestOptions = {}
  ) {
    this.opts = { seed: 7, breathTiltRad: 0.035, noiseMg: 2, heartRippleMg: 3, heartRateBpm: 66, ...options }
    this.rng = createRng(this.opts.seed)
  }

  /** Acceleration [x, y, z] in mG at simulation time `simMs`. */
  accMg(simMs: number): [number, number, number] {
    const o = this.opts
    const posture = 0.2 + 0.05 * Math.sin((2 * Math.PI * simMs) / 600_000) // slow drift, 10 min
    const tilt = posture + o.breathTiltRad * this.lungAt(simMs)
    const side = 0.05 + 0.2 * o.breathTiltRad * this.lungAt(simMs)
    const ripple = o.heartRippleMg * Math.sin((2 * Math.PI * o.heartRateBpm * simMs) / 60_000)
    return [
      G_MG * Math.sin(side) + o.noiseMg * this.rng.gauss(),
      -G_MG * Math.cos(tilt) + o.noiseMg * this.rng.gauss(),
      G_MG * Math.sin(tilt) + ripple + o.noiseMg * this.rng.gauss()
    ]
  }
}
