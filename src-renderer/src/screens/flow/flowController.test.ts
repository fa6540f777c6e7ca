import { describe, expect, it } from 'vitest'
import type { GateState } from '../../../../src-main/shared/gate'
import { FlowController } from './flowController'
import { gateFromSession } from '../../../../src-main/shared/gate'
import { fakeApi, result } from './testFakes'

function setup(opts: Parameters<typeof fakeApi>[0] = {}, simulated = true) {
  const fake = fakeApi(opts)
  let now = 1_000_000
  const gates: GateState[] = []
  const c = new FlowController({
    api: fake.api,
    now: () => now,
    isSimulated: () => simulated,
    setGate: (g) => gates.push(g),
    onChange: () => {}
  })
  return {
    ...fake,
    c,
    gates,
    advance: (ms: number) => (now += ms),
    get now() {
      return now
    },
    methods: () => fake.calls.map((x) => x.method),
    events: () =>
      fake.calls.filter((x) => x.method === 'sessionEvent').map((x) => (x.arg as { type: string }).type)
  }
}

describe('FlowController with a fake API', () => {
  it('first use: no personal baseline -> needsBaseline; baseline check-in refreshes it', async () => {
    const s = setup()
    await s.c.init()
    expect(s.c.needsBaseline).toBe(true)
    await s.c.startCheckIn('baseline')
    expect(s.calls.find((x) => x.method === 'checkinStart')?.arg).toEqual({ kind: 'baseline' })
    // A session is started before anything is recorded.
    expect(s.methods().indexOf('sessionStart')).toBeLessThan(s.methods().indexOf('checkinStart'))
    expect(s.c.flow.step).toBe('measuring')
    const before = s.methods().filter((m) => m === 'baselineGet').length
    await s.c.finishCheckIn()
    expect(s.methods().filter((m) => m === 'baselineGet').length).toBe(before + 1)
    expect(s.c.flow.step).toBe('result')
  })

  it('progress and auto-finish follow the clock, not ticks', async () => {
    const s = setup()
    await s.c.init()
    await s.c.startCheckIn('check-in')
    s.advance(45_000)
    expect(s.c.progress(s.now)).toBeCloseTo(0.5)
    await s.c.tick(s.now)
    expect(s.methods()).not.toContain('checkinFinish')
    s.advance(45_000)
    await s.c.tick(s.now)
    expect(s.methods().filter((m) => m === 'checkinFinish')).toHaveLength(1)
    expect(s.c.flow.step).toBe('result')
    await s.c.tick(s.now + 5000)
    expect(s.methods().filter((m) => m === 'checkinFinish')).toHaveLength(1)
  })

  it('high -> sigh with the simulator following the pacer -> re-check -> gate persisted', async () => {
    const s = setup({ baseline: { source: 'personal', measurements: 3 } })
    s.state.nextResult = (kind, id) => result(kind, kind === 'check-in' ? 'high' : 'optimal', true, id)
    await s.c.init()
    expect(s.c.needsBaseline).toBe(false)
    await s.c.startCheckIn('check-in')
    await s.c.finishCheckIn()
    s.c.continue()
    expect(s.c.flow.prescription?.prescribed).toBe('sigh')
    s.c.choose('sigh', 'full')
    expect(s.calls.find((x) => x.method === 'sessionUpdate')?.arg).toEqual({
      prescription: { state: 'high', prescribed: 'sigh', chosen: 'sigh', dose: 'full' }
    })
    const plan = s.c.plan()!
    expect(plan.cycles).toBe(33)
    s.c.protocolStarted(plan)
    expect(s.calls.find((x) => x.method === 'simControl')?.arg).toEqual({ pattern: plan.pattern })
    await s.c.protocolEnded({ name: 'sigh', plannedS: 297, doneS: 297, completed: true })
    const sims = s.calls.filter((x) => x.method === 'simControl').map((x) => x.arg)
    expect(sims.at(-1)).toEqual({ pattern: null })
    expect(
      s.calls.find((x) => x.method === 'sessionUpdate' && 'protocolDone' in (x.arg as object))?.arg
    ).toEqual({
      protocolDone: { name: 'sigh', plannedS: 297, doneS: 297, completed: true }
    })
    // The re-check started by itself; main chooses its (shorter) length and the screen runs it.
    expect(s.calls.filter((x) => x.method === 'checkinStart').at(-1)?.arg).toEqual({ kind: 're-check' })
    expect(s.c.flow.measuring?.durationS).toBe(45)
    await s.c.finishCheckIn()
    expect(s.c.flow.step).toBe('gate')
    expect(s.gates.at(-1)).toMatchObject({ open: true, outcome: 'optimal' })
    expect(s.state.session?.gate).toEqual({ outcome: 'optimal', atUtc: new Date(s.now).toISOString() })
    await Promise.resolve()
    expect(s.events()).toEqual([
      'check-in',
      'result',
      'prescription',
      'protocol-start',
      'protocol-end',
      're-check',
      'gate'
    ])
  })

  it('records each pacer phase while breathing, and none outside it', async () => {
    const s = setup({ baseline: { source: 'personal', measurements: 3 } })
    s.state.nextResult = (kind, id) => result(kind, 'high', true, id)
    await s.c.init()
    s.c.breathPhase('inhale', 0) // not breathing yet: ignored
    await s.c.startCheckIn('check-in')
    await s.c.finishCheckIn()
    s.c.continue()
    s.c.choose('sigh', 'full')
    s.c.breathPhase('inhale', 0)
    s.c.breathPhase('top-up', 0)
    await Promise.resolve()
    const phases = s.calls.filter((x) => (x.arg as { type?: string })?.type === 'breath-phase')
    expect(phases.map((x) => (x.arg as { detail: unknown }).detail)).toEqual([
      { phase: 'inhale', cycle: 0 },
      { phase: 'top-up', cycle: 0 }
    ])
  })

  it('opting in records the clear contraindication check in the session', async () => {
    const s = setup({ session: true })
    await s.c.init()
    expect(await s.c.optIn({ pregnancy: false, glaucoma: false })).toBe(true)
    await Promise.resolve()
    expect(s.calls.find((x) => x.method === 'sessionEvent')?.arg).toEqual({
      type: 'safety',
      detail: { reason: 'opted-in', pregnancy: false, glaucoma: false }
    })
    expect(s.state.settings.superOxygenation.optedIn).toBe(true)
  })

  it('does not drive the simulator when the heart is a real strap', async () => {
    const s = setup({}, false)
    s.state.nextResult = (kind, id) => result(kind, 'high', true, id)
    await s.c.init()
    await s.c.startCheckIn('check-in')
    await s.c.finishCheckIn()
    s.c.continue()
    s.c.choose('sigh', 'short')
    s.c.protocolStarted(s.c.plan()!)
    await s.c.protocolEnded({ name: 'sigh', plannedS: 27, doneS: 27, completed: true })
    expect(s.methods()).not.toContain('simControl')
  })

  it('override is recorded as an event and persisted as the gate outcome', async () => {
    const s = setup()
    await s.c.init()
    // No session yet: the skip opens one so the override is recorded in it.
    await s.c.override()
    expect(s.methods()).toContain('sessionStart')
    await Promise.resolve()
    expect(s.events()).toEqual(['override'])
    expect(s.state.session?.gate?.outcome).toBe('override')
    expect(s.gates.at(-1)).toMatchObject({ open: true, outcome: 'override' })
  })

  it('restores an open gate from the current session on launch', async () => {
    const s = setup({ session: true })
    s.state.session!.gate = { outcome: 'protocol-completed', atUtc: '2026-01-02T03:04:05.000Z' }
    await s.c.init()
    expect(s.gates).toEqual([
      { open: true, outcome: 'protocol-completed', atMs: Date.parse('2026-01-02T03:04:05.000Z') }
    ])
    expect(s.c.flow.step).toBe('gate')
    expect(gateFromSession(null)).toBeNull()
  })

  it('a rejected API call becomes a visible error, not a throw', async () => {
    const s = setup()
    s.state.fail.add('checkinStart')
    await s.c.init()
    await s.c.startCheckIn('check-in')
    expect(s.c.error).toMatch(/not available in this build yet/)
    expect(s.c.flow.step).toBe('start')
    expect(s.c.busy).toBe(false)
  })

  it('self-report re-evaluates the shown result; opt-in saves the setting', async () => {
    const s = setup()
    await s.c.init()
    await s.c.startCheckIn('check-in')
    await s.c.finishCheckIn()
    await s.c.selfReport('flat')
    expect(s.c.flow.result?.selfReport).toBe('flat')
    expect(s.c.flow.result?.arousal?.state).toBe('low')
    await s.c.optIn()
    expect(s.c.settings?.superOxygenation.optedIn).toBe(true)
  })
})
