import { describe, expect, it } from 'vitest'
import { choose, chooseManually, recordOutcome, reasonValues } from './engine'
import { HALF_LIFE_DAYS, PRIORS, TAU0, emptyModel, estimate, type LearnerModel } from './model'
import { DEFAULT_LEARNER_SETTINGS, bucketKey, contextBucket, type ChoiceContext } from './options'

const T0 = Date.UTC(2026, 2, 1, 9)
const DAY = 86_400_000
const morning: ChoiceContext = {
  state: 'high',
  score: 1.2,
  localHour: 8,
  drillFollows: false,
  safety: 'not-done',
  tired: false
}
const evening: ChoiceContext = { ...morning, localHour: 19 }

function withSessions(ctx: ChoiceContext, dScores: number[], startMs = T0): LearnerModel {
  let model = emptyModel(T0, 2)
  dScores.forEach((dScore, i) => {
    const at = startMs + i * 60_000
    const c = choose(model, ctx, DEFAULT_LEARNER_SETTINGS, at, `m${i}`)
    model = chooseManually(c.model, `m${i}`, 'panoramic-vision', DEFAULT_LEARNER_SETTINGS, at).model
    model = recordOutcome(model, `m${i}`, { stage: 'recheck', dScore }, at).model
  })
  return model
}

describe('estimates', () => {
  it("start at the literature prior and move toward the person's data with a normal-normal update", () => {
    const prior = estimate(emptyModel(T0), 'high', 'panoramic-vision', null, T0, 'recheck')
    expect(prior.mean).toBeCloseTo(PRIORS['panoramic-vision'], 12)
    expect(prior.sd).toBeCloseTo(TAU0, 12)
    expect(prior.sessions).toBe(0)
    // four re-checks of 3 SWC calmer each (dScore -1.5): precision 1/0.36 + 4/1, mean pulled toward 3
    const m = withSessions(morning, [-1.5, -1.5, -1.5, -1.5])
    const e = estimate(m, 'high', 'panoramic-vision', null, T0, 'recheck')
    const p = 1 / TAU0 ** 2 + 4
    expect(e.mean).toBeCloseTo((PRIORS['panoramic-vision'] / TAU0 ** 2 + 4 * 3) / p, 9)
    expect(e.sd).toBeCloseTo(1 / Math.sqrt(p), 9)
    expect(e.sessions).toBe(4)
  })

  it("pools across context buckets, but a bucket's own sessions count more", () => {
    const m = withSessions(morning, [-1.5, -1.5, -1.5, -1.5])
    const own = estimate(m, 'high', 'panoramic-vision', bucketKey(contextBucket(morning)), T0, 'recheck')
    const other = estimate(m, 'high', 'panoramic-vision', bucketKey(contextBucket(evening)), T0, 'recheck')
    expect(other.mean).toBeGreaterThan(PRIORS['panoramic-vision'] + 0.5) // the morning data informs the evening
    expect(own.mean).toBeGreaterThan(other.mean)
    expect(own.sd).toBeLessThan(other.sd)
  })

  it('weighs a session one half-life old half as much', () => {
    const old = withSessions(morning, [-1.5])
    const fresh = estimate(old, 'high', 'panoramic-vision', null, T0, 'recheck')
    const aged = estimate(old, 'high', 'panoramic-vision', null, T0 + HALF_LIFE_DAYS * DAY, 'recheck')
    expect(1 / fresh.sd ** 2 - 1 / TAU0 ** 2).toBeCloseTo(1, 9)
    expect(1 / aged.sd ** 2 - 1 / TAU0 ** 2).toBeCloseTo(0.5, 9)
    expect(aged.mean).toBeLessThan(fresh.mean)
  })

  it("a manual choice is learned from like any other, and the reason's percentage is the chosen option's", () => {
    const m = withSessions(morning, [-1])
    expect(m.decisions[0]).toMatchObject({
      chosen: 'panoramic-vision',
      chosenBy: 'person',
      reasonKey: 'learning.reason.person-chose'
    })
    expect(estimate(m, 'high', 'panoramic-vision', null, T0, 'recheck').sessions).toBe(1)
    const d = m.decisions[0]!
    expect(reasonValues(d).pct).toBe(Math.round(100 * d.pBest[d.pBestOptions.indexOf('panoramic-vision')]!))
  })
})
