import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CONTROL_PROBABILITY,
  DEFAULT_LEARNER_SETTINGS,
  plainRule,
  type ChoiceContext,
  type LearnerSettings
} from './options'
import {
  choose,
  chooseManually,
  explorationFloor,
  FLOOR_END,
  FLOOR_HALF_SESSIONS,
  FLOOR_START,
  probabilityBest,
  recordOutcome,
  summary,
  STILL_LEARNING_SESSIONS
} from './engine'
import { seededRng } from './rng'
import { emptyModel, estimate, type LearnerModel } from './model'

const T0 = Date.UTC(2026, 2, 1, 9)
const DAY = 86_400_000
const high: ChoiceContext = {
  state: 'high',
  score: 1.8,
  localHour: 9,
  drillFollows: false,
  safety: 'passed',
  tired: false
}
const low: ChoiceContext = {
  state: 'low',
  score: -1.6,
  localHour: 15,
  drillFollows: true,
  safety: 'passed',
  tired: false
}

/** A model whose log says `option` did wonderfully many times (what a posterior would love). */
function modelLoving(
  ctx: ChoiceContext,
  option: 'super-oxygenation' | 'sigh-short',
  n: number
): LearnerModel {
  let model = emptyModel(T0, 7)
  for (let i = 0; i < n; i++) {
    const at = T0 + i * DAY
    const c = choose(model, ctx, DEFAULT_LEARNER_SETTINGS, at, `x${i}`)
    model = chooseManually(c.model, `x${i}`, option, DEFAULT_LEARNER_SETTINGS, at).model
    const dScore = ctx.state === 'high' ? -2 : 2
    model = recordOutcome(model, `x${i}`, { stage: 'recheck', dScore }, at).model
    model = recordOutcome(
      model,
      `x${i}`,
      { stage: 'block', focus: 5, minutesDone: 45, minutesPlanned: 45, errors: 0, frustrations: 0 },
      at
    ).model
  }
  return model
}

describe('choose', () => {
  it('is deterministic given the model (its seed), logs probabilities that sum to 1 and advances the seed', () => {
    const a = choose(emptyModel(T0, 42), high, DEFAULT_LEARNER_SETTINGS, T0)
    const b = choose(emptyModel(T0, 42), high, DEFAULT_LEARNER_SETTINGS, T0)
    expect(a.decision).toEqual(b.decision)
    expect(a.decision.options).toEqual(['sigh-short', 'sigh-standard', 'panoramic-vision', 'sit-quietly'])
    expect(a.decision.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12)
    expect(a.decision.probabilities[3]).toBe(CONTROL_PROBABILITY)
    expect(a.model.nextSeed).not.toBe(42)
    expect(a.model.decisions).toHaveLength(1)
    // With priors only, the literature's favourite (standard sigh) is most likely best.
    expect(a.decision.pBest[1]).toBe(Math.max(...a.decision.pBest))
  })

  it('keeps an exploration floor that starts wide and decays to 2 % per learner option', () => {
    expect(explorationFloor(0)).toBe(FLOOR_START)
    expect(explorationFloor(FLOOR_HALF_SESSIONS)).toBeCloseTo(FLOOR_START / 2, 12)
    expect(explorationFloor(1000)).toBe(FLOOR_END)
    const fresh = choose(emptyModel(T0, 5), high, DEFAULT_LEARNER_SETTINGS, T0).decision
    for (let i = 0; i < 3; i++)
      expect(fresh.probabilities[i]!).toBeGreaterThanOrEqual((1 - CONTROL_PROBABILITY) * FLOOR_START - 1e-12)
    // Even when one option is far ahead after 30 sessions, every other one keeps its 2 %.
    const model = modelLoving(high, 'sigh-short', 30)
    const d = choose(model, high, DEFAULT_LEARNER_SETTINGS, T0 + 40 * DAY, 'next').decision
    for (let i = 1; i < 3; i++) {
      expect(d.probabilities[i]!).toBeGreaterThanOrEqual((1 - CONTROL_PROBABILITY) * FLOOR_END - 1e-12)
      expect(d.probabilities[i]!).toBeLessThan((1 - CONTROL_PROBABILITY) * FLOOR_END + 0.01)
    }
    expect(d.pBest[0]).toBeGreaterThan(0.9)
  })

  it('never offers the control to a person who opted out, and offers it otherwise', () => {
    const optOut: LearnerSettings = { ...DEFAULT_LEARNER_SETTINGS, controlOptOut: true }
    let model = emptyModel(T0, 3)
    let controls = 0
    for (let i = 0; i < 200; i++) {
      const c = choose(model, high, optOut, T0 + i * DAY, `o${i}`)
      expect(c.decision.options).not.toContain('sit-quietly')
      model = c.model
    }
    model = emptyModel(T0, 3)
    for (let i = 0; i < 200; i++) {
      const c = choose(model, high, DEFAULT_LEARNER_SETTINGS, T0 + i * DAY, `c${i}`)
      if (c.decision.chosen === 'sit-quietly') {
        controls++
        expect(c.decision.reasonKey).toBe('learning.reason.control')
      }
      model = c.model
    }
    // 10 % of 200 = 20; binomial sd ~4.2
    expect(controls).toBeGreaterThan(8)
    expect(controls).toBeLessThan(40)
  })

  it('refuses a context it could not store or learn from, with a clear error', () => {
    const m = emptyModel(T0)
    expect(() => choose(m, { ...high, score: Number.NaN }, DEFAULT_LEARNER_SETTINGS, T0)).toThrow(/score/)
    expect(() => choose(m, { ...high, localHour: 24 }, DEFAULT_LEARNER_SETTINGS, T0)).toThrow(/localHour/)
    expect(() => choose(m, { ...high, state: 'optimal' as 'high' }, DEFAULT_LEARNER_SETTINGS, T0)).toThrow(
      /state/
    )
    const first = choose(m, high, DEFAULT_LEARNER_SETTINGS, T0, 'same')
    expect(() => choose(first.model, high, DEFAULT_LEARNER_SETTINGS, T0, 'same')).toThrow(/already exists/)
  })

  it('with adaptive choice off returns the plain rule from the measured state', () => {
    const off: LearnerSettings = { ...DEFAULT_LEARNER_SETTINGS, adaptive: false }
    expect(choose(emptyModel(T0), high, off, T0).decision).toMatchObject({
      options: ['sigh-standard'],
      probabilities: [1],
      chosen: 'sigh-standard',
      chosenBy: 'rule',
      reasonKey: 'learning.reason.rule'
    })
    expect(choose(emptyModel(T0), low, off, T0).decision.chosen).toBe('super-oxygenation')
    expect(choose(emptyModel(T0), { ...low, safety: 'failed' }, off, T0).decision.chosen).toBe(
      'energising-inhale'
    )
    expect(plainRule({ ...low, safety: 'not-done' })).toBe('energising-inhale')
  })

  it('offers NSDR only when the person reports being tired, and resonance only when it exists', () => {
    expect(choose(emptyModel(T0), low, DEFAULT_LEARNER_SETTINGS, T0).decision.options).not.toContain('nsdr')
    expect(
      choose(emptyModel(T0), { ...low, tired: true }, DEFAULT_LEARNER_SETTINGS, T0).decision.options
    ).toContain('nsdr')
    expect(choose(emptyModel(T0), high, DEFAULT_LEARNER_SETTINGS, T0).decision.options).not.toContain(
      'resonance'
    )
    expect(
      choose(emptyModel(T0), high, { ...DEFAULT_LEARNER_SETTINGS, resonanceAvailable: true }, T0).decision
        .options
    ).toContain('resonance')
  })
})

describe('safety always wins over the learner', () => {
  // A posterior that adores super-oxygenation (learned while the check had passed).
  const adoring = modelLoving(low, 'super-oxygenation', 25)

  it('the trained posterior really does favour super-oxygenation (so the filter is what stops it)', () => {
    const d = choose(adoring, low, DEFAULT_LEARNER_SETTINGS, T0 + 30 * DAY, 'check').decision
    expect(d.pBest[0]).toBeGreaterThan(0.95)
  })

  it('never offers or chooses super-oxygenation when the check failed or was never done (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('failed' as const, 'not-done' as const),
        fc.double({ min: -6, max: -1, noNaN: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (safety, score, localHour, drillFollows, tired, adaptive, controlOptOut, seed) => {
          const ctx: ChoiceContext = { state: 'low', score, localHour, drillFollows, safety, tired }
          const settings: LearnerSettings = { adaptive, controlOptOut, resonanceAvailable: false }
          const r = choose({ ...adoring, nextSeed: seed }, ctx, settings, T0 + 30 * DAY, 'p')
          expect(r.decision.options).not.toContain('super-oxygenation')
          expect(r.decision.chosen).not.toBe('super-oxygenation')
          expect(() => chooseManually(r.model, 'p', 'super-oxygenation', settings, T0 + 30 * DAY)).toThrow(
            /not available/
          )
        }
      ),
      { numRuns: 150 }
    )
  })
})

describe('recordOutcome', () => {
  it('words the prediction error in the direction of the state and logs both TD errors', () => {
    const c = choose(emptyModel(T0, 5), high, DEFAULT_LEARNER_SETTINGS, T0, 'a')
    const predicted = c.decision.predictedRecheck!
    // dScore -2 = 4 SWC calmer, far more than any prior predicts
    const r1 = recordOutcome(c.model, 'a', { stage: 'recheck', dScore: -2 }, T0)
    expect(r1.feedback).toEqual({
      key: 'learning.pe.calmer-than-expected',
      values: { option: c.decision.chosen, predicted, observed: 4 }
    })
    expect(r1.decision.tdErrorRecheck).toBeCloseTo(4 + 0 - c.decision.predictedReturn!, 12)
    const r2 = recordOutcome(
      r1.model,
      'a',
      { stage: 'block', focus: 1, minutesDone: 10, minutesPlanned: 45, errors: 0, frustrations: 3 },
      T0
    )
    expect(r2.feedback.key).toBe('learning.pe.block.worse')
    expect(r2.decision.tdErrorBlock).toBeLessThan(-2)
    expect(() => recordOutcome(r2.model, 'a', { stage: 'recheck', dScore: 0 }, T0)).toThrow(/already/)
    expect(() => recordOutcome(r2.model, 'zz', { stage: 'recheck', dScore: 0 }, T0)).toThrow(
      /unknown decision/
    )
    const under = choose(emptyModel(T0, 5), low, DEFAULT_LEARNER_SETTINGS, T0, 'u')
    expect(recordOutcome(under.model, 'u', { stage: 'recheck', dScore: -1 }, T0).feedback.key).toBe(
      'learning.pe.less-alert-than-expected'
    )
  })

  it('the delayed block outcome teaches the earlier choice (TD(lambda)): same re-checks, different blocks', () => {
    const run = (focus: number): number => {
      let model = emptyModel(T0, 9)
      for (let i = 0; i < 6; i++) {
        const c = choose(model, high, DEFAULT_LEARNER_SETTINGS, T0 + i * DAY, `b${i}`)
        model = chooseManually(
          c.model,
          `b${i}`,
          'panoramic-vision',
          DEFAULT_LEARNER_SETTINGS,
          T0 + i * DAY
        ).model
        model = recordOutcome(model, `b${i}`, { stage: 'recheck', dScore: -0.5 }, T0 + i * DAY).model
        model = recordOutcome(
          model,
          `b${i}`,
          { stage: 'block', focus, minutesDone: 45, minutesPlanned: 45, errors: 0, frustrations: 0 },
          T0 + i * DAY
        ).model
      }
      return estimate(model, 'high', 'panoramic-vision', null, T0 + 6 * DAY).mean
    }
    expect(run(5) - run(1)).toBeGreaterThan(1)
  })
})

describe('summary', () => {
  it('says "still learning" with priors only, and names the best once the data shows it', () => {
    const fresh = summary(emptyModel(T0), 'high', DEFAULT_LEARNER_SETTINGS, T0)
    expect(fresh.stillLearning).toBe(true)
    expect(fresh.messageKey).toBe('learning.summary.still-learning')
    expect(fresh.options.map((o) => o.option)).toEqual([
      'sigh-short',
      'sigh-standard',
      'panoramic-vision',
      'sit-quietly'
    ])
    for (const o of fresh.options) {
      expect(o.sessions).toBe(0)
      expect(o.low90).toBeLessThan(o.mean)
      expect(o.high90).toBeGreaterThan(o.mean)
    }
    expect(fresh.options[3]!.pBest).toBeNull()
    const learned = summary(
      modelLoving(high, 'sigh-short', STILL_LEARNING_SESSIONS + 2),
      'high',
      DEFAULT_LEARNER_SETTINGS,
      T0 + 20 * DAY
    )
    expect(learned.stillLearning).toBe(false)
    expect(learned.best).toBe('sigh-short')
    expect(learned.options[0]!.sessions).toBe(STILL_LEARNING_SESSIONS + 2)
    expect(learned.options[0]!.pBest!).toBeGreaterThanOrEqual(0.8)
  })

  it('needs at least 8 sessions behind the best option, however clear the data', () => {
    const few = summary(
      modelLoving(high, 'sigh-short', STILL_LEARNING_SESSIONS - 1),
      'high',
      DEFAULT_LEARNER_SETTINGS,
      T0 + 20 * DAY
    )
    expect(few.options[0]!.pBest!).toBeGreaterThanOrEqual(0.8)
    expect(few.stillLearning).toBe(true)
  })
})

describe('probabilityBest', () => {
  it('matches the exact normal answer for two options and is the same for the same seed', () => {
    // P(A > B) = Phi((mA - mB) / sqrt(sA^2 + sB^2)) = Phi(1) = 0.8413
    const est = [
      { mean: 1, sd: 0.6, sessions: 0 },
      { mean: 0, sd: 0.8, sessions: 0 }
    ]
    const p = probabilityBest(est, seededRng(123), 40_000)
    expect(p[0]!).toBeCloseTo(0.8413, 2)
    expect(p[0]! + p[1]!).toBe(1)
    expect(probabilityBest(est, seededRng(123), 40_000)).toEqual(p)
    expect(probabilityBest([], seededRng(1))).toEqual([])
  })
})
