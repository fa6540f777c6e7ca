/**
 * How many cases each parser fuzz property runs. The unit suite runs 10,000 per property;
 * `npm run fuzz` runs the same properties with FUZZ_RUNS set much higher (scripts/fuzz.mjs).
 * Fuzz tests are named "fuzz: ..." so that script can select them.
 */
const fromEnv = Number(process.env.FUZZ_RUNS)

export const FUZZ_RUNS = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 10_000

/** fast-check parameters for a fuzz property. */
export const fuzzParams = { numRuns: FUZZ_RUNS } as const

/** Vitest timeout for one fuzz test: the suite's default, stretched for big FUZZ_RUNS. */
export const FUZZ_TIMEOUT_MS = Math.max(20_000, FUZZ_RUNS * 2)
