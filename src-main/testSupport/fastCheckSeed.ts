/**
 * Vitest setup: the unit suite's property and fuzz tests draw from one fixed seed, so `npm test`
 * (and CI) gives the same verdict on the same code. `npm run fuzz` (which sets FUZZ_RUNS) draws
 * fresh cases at every run; FUZZ_SEED=<n> replays a particular run. A failing property prints its
 * seed and path either way.
 */
import fc from 'fast-check'

const SUITE_SEED = 20_261_203

const fromEnv = process.env.FUZZ_SEED === undefined ? NaN : Number(process.env.FUZZ_SEED)
const seed = Number.isInteger(fromEnv) ? fromEnv : process.env.FUZZ_RUNS ? undefined : SUITE_SEED

if (seed !== undefined) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
