import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseText, readCsvFile } from '../session/csvRead'
import { choose, recordOutcome } from './engine'
import { emptyModel } from './model'
import { DEFAULT_LEARNER_SETTINGS } from './options'
import { DECISIONS_COLUMNS, DECISIONS_FILE, writeDecisionsCsv } from './decisionsCsv'

const T0 = Date.UTC(2026, 2, 1, 9)

describe('decisions.csv', () => {
  it('writes context, options, probabilities, choice and outcomes; text is formula-safe', async () => {
    const ctx = {
      state: 'low',
      score: -1.75,
      localHour: 14,
      drillFollows: true,
      safety: 'passed',
      tired: true
    } as const
    const first = choose(emptyModel(T0, 4), ctx, DEFAULT_LEARNER_SETTINGS, T0, '=HYPERLINK("x")')
    const decision = first.decision
    let model = first.model
    model = recordOutcome(model, decision.id, { stage: 'recheck', dScore: 0.6 }, T0).model
    model = recordOutcome(
      model,
      decision.id,
      { stage: 'block', focus: 4, minutesDone: 40, minutesPlanned: 45, errors: 3, frustrations: 1 },
      T0
    ).model
    const dir = await mkdtemp(join(tmpdir(), 'limbic-decisions-'))
    await writeDecisionsCsv(dir, model.decisions)
    expect(await readdir(dir)).toEqual([DECISIONS_FILE])
    const rows: string[][] = []
    const r = await readCsvFile(join(dir, DECISIONS_FILE), (f) => rows.push(f))
    expect(r.header).toEqual([...DECISIONS_COLUMNS])
    expect(rows).toHaveLength(1)
    const row = Object.fromEntries(DECISIONS_COLUMNS.map((c, i) => [c, rows[0]![i]!]))
    expect(row.decision_id).toBe(`'=HYPERLINK("x")`)
    expect(parseText(row.decision_id)).toBe('=HYPERLINK("x")')
    expect(row).toMatchObject({
      utc: '2026-03-01T09:00:00.000Z',
      state: 'low',
      score: '-1.75',
      distance: 'mid',
      time_of_day: 'afternoon',
      drill_follows: '1',
      safety: 'passed',
      tired: '1',
      options: 'super-oxygenation;energising-inhale;nsdr;sit-quietly',
      recheck_d_score: '0.6',
      recheck_reward: '1.2',
      focus: '4',
      minutes_done: '40',
      errors: '3',
      frustrations: '1'
    })
    const probs = row.probabilities!.split(';').map(Number)
    expect(probs).toHaveLength(4)
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3)
    expect(row.p_best_options).toBe('super-oxygenation;energising-inhale;nsdr')
    expect(row.p_best!.split(';')).toHaveLength(3)
    expect(Number(row.block_reward)).toBeCloseTo(1 + 2 * (40 / 45 - 1) + 0.4, 4)
  })
})
