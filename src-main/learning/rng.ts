/**
 * A small seeded random-number generator, so every choice and every Monte Carlo probability the
 * learner logs can be reproduced exactly from its seed (no Math.random anywhere in learning/).
 * mulberry32: 32-bit state, period 2^32 - plenty for a few thousand draws per decision.
 * Normal draws by Box-Muller (the cosine branch only, which keeps the stream simple to replay).
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Standard normal. */
  normal(): number
}

export function seededRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    normal: () => {
      const u = 1 - next() // (0, 1]: log(u) is finite
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next())
    }
  }
}

/** A seed for the next decision from a previous one (so a replay needs only the first seed). */
export function nextSeed(seed: number): number {
  return (Math.imul(seed >>> 0, 1664525) + 1013904223) >>> 0
}
