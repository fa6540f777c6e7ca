import { REST_S } from './safety'
import { describe, expect, it } from 'vitest'
import type { CheckInKind } from './contract'
import { result } from './testSupport/checkInResult'
import { SESSION_EVENT_TYPES } from './session'
import { initialFlow, prescribe, reduce, type Flow, type FlowEvent } from './flowMachine'

function run(flow: Flow, ...events: FlowEvent[]): { flow: Flow; types: string[]; reasons: string[] } {
  const types: string[] = []
  const reasons: string[] = []
  for (const e of events) {
    const t = reduce(flow, e)
    if (t.record) {
      expect(SESSION_EVENT_TYPES).toContain(t.record.type)
      types.push(t.record.type)
      reasons.push((t.record.detail as { reason: string }).reason)
    }
    flow = t.flow
  }
  return { flow, types, reasons }
}

const started = (kind: CheckInKind, id = 'c1'): FlowEvent => ({
  type: 'checkin-started',
  kind,
  id,
  startedAtMs: 1000,
  durationS: 60
})

describe('prescribe', () => {
  it('maps arousal to protocol', () => {
    expect(prescribe('high')).toBe('sigh')
    expect(prescribe('low')).toBe('super-oxygenation')
    expect(prescribe('optimal')).toBeNull()
  })
})

describe('flow machine', () => {
  it('over-aroused: check-in -> sigh -> re-check optimal -> gate open (optimal)', () => {
    const { flow, types, reasons } = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'high'), nowMs: 2000 },
      { type: 'continue' },
      { type: 'choose', protocol: 'sigh', dose: 'full' },
      { type: 'protocol-ended', done: { name: 'sigh', plannedS: 297, doneS: 297, completed: true } },
      started('re-check', 'c2'),
      { type: 'checkin-finished', result: result('re-check', 'optimal', true, 'c2'), nowMs: 5000 }
    )
    expect(flow.step).toBe('gate')
    expect(flow.gate).toEqual({ open: true, outcome: 'optimal', atMs: 5000 })
    // No learner in this flow: the plain rule, no proposal, and the pick is not an option it learns.
    expect(flow.prescription).toEqual({
      state: 'high',
      prescribed: 'sigh',
      chosen: 'sigh',
      dose: 'full',
      proposal: null,
      chosenOption: null
    })
    expect(types).toEqual([
      'check-in',
      'result',
      'prescription',
      'protocol-start',
      'protocol-end',
      're-check',
      'gate'
    ])
    expect(reasons).toContain('state-high')
    expect(reasons).toContain('as-prescribed')
    expect(reasons.at(-1)).toBe('gate-open-optimal')
  })

  it('re-check still high but protocol completed -> gate open (protocol-completed); stopped early -> closed', () => {
    const base = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'high'), nowMs: 2000 },
      { type: 'continue' },
      { type: 'choose', protocol: 'sigh', dose: 'full' }
    ).flow
    const done = run(
      base,
      { type: 'protocol-ended', done: { name: 'sigh', plannedS: 300, doneS: 300, completed: true } },
      started('re-check', 'c2'),
      { type: 'checkin-finished', result: result('re-check', 'high', true, 'c2'), nowMs: 9 }
    ).flow
    expect(done.gate).toMatchObject({ open: true, outcome: 'protocol-completed' })

    const stopped = run(
      base,
      { type: 'protocol-ended', done: { name: 'sigh', plannedS: 300, doneS: 40, completed: false } },
      started('re-check', 'c2'),
      { type: 'checkin-finished', result: result('re-check', 'high', true, 'c2'), nowMs: 9 }
    )
    expect(stopped.flow.gate).toEqual({ open: false, reason: 'protocol-pending' })
    expect(stopped.reasons).toContain('stopped-early')
    // One more round, completed this time, opens it.
    const again = run(
      stopped.flow,
      { type: 'another-round' },
      { type: 'protocol-ended', done: { name: 'sigh', plannedS: 300, doneS: 300, completed: true } },
      started('re-check', 'c3'),
      { type: 'checkin-finished', result: result('re-check', 'high', true, 'c3'), nowMs: 10 }
    ).flow
    expect(again.rounds).toBe(2)
    expect(again.protocolDone).toEqual({ name: 'sigh', plannedS: 600, doneS: 340, completed: true })
    expect(again.gate).toMatchObject({ open: true, outcome: 'protocol-completed' })
  })

  it('under-aroused: super-oxygenation goes through safety; decline returns to the prescription', () => {
    const pres = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'low'), nowMs: 1 },
      { type: 'continue' }
    ).flow
    expect(pres.prescription?.prescribed).toBe('super-oxygenation')
    const safety = reduce(pres, { type: 'choose', protocol: 'super-oxygenation', dose: 'full' })
    expect(safety.flow.step).toBe('safety')
    expect(safety.record?.type).toBe('safety')
    const declined = reduce(safety.flow, { type: 'safety-declined', reason: 'contraindication' })
    expect(declined.flow.step).toBe('prescription')
    expect(declined.flow.prescription?.chosen).toBeNull()
    expect((declined.record?.detail as { reason: string }).reason).toBe('contraindication')
    // Picking the sigh instead is recorded as the user's choice.
    const other = reduce(declined.flow, { type: 'choose', protocol: 'sigh', dose: 'short' })
    expect(other.flow.step).toBe('breathing')
    expect(other.flow.prescription).toEqual({
      state: 'low',
      prescribed: 'super-oxygenation',
      chosen: 'sigh',
      dose: 'short',
      proposal: null,
      chosenOption: null,
      safetyFailed: true
    })
    // The screening found a contraindication: super-oxygenation is never started in this flow.
    const again = reduce(declined.flow, { type: 'choose', protocol: 'super-oxygenation', dose: 'full' })
    expect(again.record).toBeNull()
    expect(again.flow).toBe(declined.flow)
    expect((other.record?.detail as { reason: string }).reason).toBe('user-chose-other')
  })

  it('after super-oxygenation the drill waits for a seated rest', () => {
    const atGate = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'low'), nowMs: 1 },
      { type: 'continue' },
      { type: 'choose', protocol: 'super-oxygenation', dose: 'short' },
      { type: 'safety-passed' },
      {
        type: 'protocol-ended',
        done: { name: 'super-oxygenation', plannedS: 93, doneS: 93, completed: true }
      },
      started('re-check', 'c2'),
      { type: 'checkin-finished', result: result('re-check', 'optimal', true, 'c2'), nowMs: 2 }
    ).flow
    expect(atGate.needsRest).toBe(true)
    const rest = reduce(atGate, { type: 'drill-requested', nowMs: 1000 })
    expect(rest.flow.step).toBe('rest')
    expect(rest.flow.restUntilMs).toBe(1000 + REST_S * 1000)
    expect(reduce(rest.flow, { type: 'drill-finished', trials: 1, errors: 0 }).record).toBeNull()
    // The rest is timed here, not on a screen: a confirmation before it is over does not count.
    expect(reduce(rest.flow, { type: 'rest-confirmed', nowMs: 1000 + REST_S * 1000 - 1 }).record).toBeNull()
    const drill = reduce(rest.flow, { type: 'rest-confirmed', nowMs: 1000 + REST_S * 1000 })
    expect(drill.flow.restUntilMs).toBeNull()
    expect(drill.flow.step).toBe('drill')
    const back = reduce(drill.flow, { type: 'drill-finished', trials: 6, errors: 2 })
    expect(back.flow.step).toBe('gate')
    expect(back.flow.gate.open).toBe(true)
  })

  it('optimal check-in goes straight on; the sigh needs no rest before the drill', () => {
    const { flow, reasons } = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'optimal'), nowMs: 1 },
      { type: 'continue' },
      { type: 'go-straight', nowMs: 42 },
      { type: 'drill-requested', nowMs: 43 }
    )
    expect(reasons).toContain('optimal-no-protocol-needed')
    expect(flow.gate).toEqual({ open: true, outcome: 'optimal', atMs: 42 })
    expect(flow.step).toBe('drill')
  })

  it('go-straight is refused when the state is not optimal', () => {
    const pres = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'high'), nowMs: 1 },
      { type: 'continue' }
    ).flow
    expect(reduce(pres, { type: 'go-straight', nowMs: 1 }).record).toBeNull()
  })

  it('a finished study block closes the gate and starts over at the check-in', () => {
    const open = reduce(initialFlow(), { type: 'override', nowMs: 7 }).flow
    expect(open.gate.open).toBe(true)
    const { flow, reasons } = run(open, { type: 'block-finished' })
    expect(flow.step).toBe('start')
    expect(flow.gate.open).toBe(false)
    expect(reasons).toEqual(['block-finished'])
    // A new flow after that keeps it closed: the restart of a later check-in does not reopen it.
    expect(run(flow, { type: 'restart' }).flow.gate.open).toBe(false)
  })

  it('a skip is an override, recorded with its step; not allowed mid-measurement', () => {
    const measuring = reduce(initialFlow(), started('check-in')).flow
    expect(reduce(measuring, { type: 'override', nowMs: 1 }).record).toBeNull()
    const t = reduce(initialFlow(), { type: 'override', nowMs: 7 })
    expect(t.flow.gate).toEqual({ open: true, outcome: 'override', atMs: 7 })
    expect(t.record).toEqual({
      type: 'override',
      detail: { from: 'start', to: 'gate', reason: 'user-skipped-with-confirmation', skippedAt: 'start' }
    })
  })

  it('unusable check-in stays on the result (retry), baseline returns to start', () => {
    const noisy = run(initialFlow(), started('check-in'), {
      type: 'checkin-finished',
      result: result('check-in', null, false),
      nowMs: 1
    })
    expect(noisy.flow.step).toBe('result')
    expect(noisy.reasons.at(-1)).toBe('check-in-unusable')
    expect(reduce(noisy.flow, { type: 'continue' }).flow.step).toBe('start')

    const base = run(
      initialFlow(),
      started('baseline'),
      { type: 'checkin-finished', result: result('baseline', 'optimal'), nowMs: 1 },
      { type: 'continue' }
    )
    expect(base.flow.step).toBe('start')
    expect(base.reasons.at(-1)).toBe('baseline-done')
  })

  it('cancelling a re-check goes back to "re-check ready"; unusable re-check keeps the gate closed unless completed', () => {
    const breathing = run(
      initialFlow(),
      started('check-in'),
      { type: 'checkin-finished', result: result('check-in', 'high'), nowMs: 1 },
      { type: 'continue' },
      { type: 'choose', protocol: 'sigh', dose: 'full' }
    ).flow
    const ended = reduce(breathing, {
      type: 'protocol-ended',
      done: { name: 'sigh', plannedS: 300, doneS: 10, completed: false }
    }).flow
    expect(ended.gate).toEqual({ open: false, reason: 're-check-pending' })
    const measuring = reduce(ended, started('re-check', 'c2')).flow
    expect(reduce(measuring, { type: 'checkin-cancelled' }).flow.step).toBe('recheck-ready')
    const unusable = reduce(measuring, {
      type: 'checkin-finished',
      result: result('re-check', 'optimal', false, 'c2'),
      nowMs: 3
    })
    expect(unusable.flow.gate.open).toBe(false)
  })

  it('self-report replaces the shown result only for the same check-in', () => {
    const atResult = run(initialFlow(), started('check-in'), {
      type: 'checkin-finished',
      result: result('check-in', 'optimal'),
      nowMs: 1
    }).flow
    const reported = { ...result('check-in', 'low'), selfReport: 'flat' as const }
    const t = reduce(atResult, { type: 'self-reported', result: reported })
    expect(t.flow.result?.arousal?.state).toBe('low')
    expect(t.record?.type).toBe('self-report')
    expect(
      reduce(atResult, { type: 'self-reported', result: { ...reported, id: 'other' } }).record
    ).toBeNull()
  })

  it('ignores events that do not apply to the current step', () => {
    const start = initialFlow()
    expect(reduce(start, { type: 'continue' }).record).toBeNull()
    expect(reduce(start, { type: 'safety-passed' }).record).toBeNull()
    expect(reduce(start, { type: 'another-round' }).record).toBeNull()
    expect(
      reduce(start, {
        type: 'protocol-ended',
        done: { name: 'sigh', plannedS: 1, doneS: 1, completed: true }
      }).record
    ).toBeNull()
  })

  it('an open gate restored from the session starts on the gate step', () => {
    expect(initialFlow({ open: true, outcome: 'override', atMs: 1 }).step).toBe('gate')
  })
})
