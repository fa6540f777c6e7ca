/**
 * The learning curve on simulated people with fixed seeds (the full run, 100 people x 40 sessions,
 * is `npm run bench -- learning`). Deterministic: every draw comes from seeded generators.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_LEARNER_SETTINGS } from './options'
import { runStudy, stillLearningWhenEqual } from './simulate'

describe('learning on simulated people (fixed seeds)', () => {
  const r = runStudy(40, 30, [1, 5, 20, 30], DEFAULT_LEARNER_SETTINGS, 500)

  it("finds more people's truly best option as sessions accumulate", () => {
    expect(r.recommendsBestAt[30]!).toBeGreaterThan(r.recommendsBestAt[1]! + 0.2)
    expect(r.proposesBestAt[30]!).toBeGreaterThan(r.proposesBestAt[1]! + 0.1)
    // where the best is clearly ahead (>= 0.5 SWC), it is found for >= 85 % by session 20
    expect(r.recommendsBestClearAt[20]!).toBeGreaterThanOrEqual(0.85)
    expect(r.recommendsBestClearAt[30]!).toBeGreaterThanOrEqual(0.85)
    // it uses the sessions it got about as well as an estimator that knows the simulation's prior
    // and noise (the engine does not: its prior spread and noise are its own assumptions)
    expect(r.recommendsBestAt[20]!).toBeGreaterThanOrEqual(r.oracleRecommendsBestAt[20]! - 0.05)
    expect(r.recommendsBestAt[30]!).toBeGreaterThanOrEqual(r.oracleRecommendsBestAt[30]! - 0.05)
    // the decaying exploration floor lets the proposal follow what was learned
    expect(r.proposesBestAt[30]!).toBeGreaterThan(0.55)
  })

  it('beats the fixed rule once the deliberate cost of the sit-quietly control is set aside', () => {
    expect(r.controlShare).toBeGreaterThan(0.04)
    expect(r.controlShare).toBeLessThan(0.16)
    expect(r.meanRegretVsBest - r.meanRegretFromControl).toBeLessThan(r.meanRegretOfAlwaysSigh)
  })

  it('mostly keeps saying "still learning" when the options do not really differ', () => {
    expect(stillLearningWhenEqual(20, 30, DEFAULT_LEARNER_SETTINGS, 700)).toBeGreaterThanOrEqual(0.8)
  })
})
