// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { FlowController } from './flowController'
import { fakeApi, result } from './testFakes'

function setup(opts: Parameters<typeof fakeApi>[0] = {}, simulated = true) {
  const fake = fakeApi(opts)
  const c = new FlowController({
    api: fake.api,
    now: () => fake.state.now,
    isSimulated: () => simulated,
    onChange: () => undefined
  })
  return { ...fake, c }
}

const intents = (calls: { method: string }[]) =>
  calls.map((x) => x.method).filter((m) => m.startsWith('flow'))

describe('flow controller: intents to main, the flow main answers is drawn', () => {
  it('first use: no personal baseline -> needsBaseline; a finished baseline refreshes it', async () => {
    const s = setup()
    await s.c.init()
    expect(s.c.needsBaseline).toBe(true)
    await s.c.startCheckIn('baseline')
    expect(s.calls.find((x) => x.method === 'flowStartCheckIn')?.arg).toEqual({ kind: 'baseline' })
    s.state.now += 90_000
    await s.c.finishCheckIn()
    expect(s.c.flow.step).toBe('result')
    await new Promise((r) => setTimeout(r, 0))
    expect(s.calls.filter((x) => x.method === 'baselineGet')).toHaveLength(2)
  })

  it('progress follows the clock from the start main reports; main finishes the check-in', async () => {
    const s = setup()
    await s.c.init()
    await s.c.startCheckIn('check-in')
    expect(s.c.flow.step).toBe('measuring')
    expect(s.c.progress()).toBe(0)
    expect(s.c.progress(s.state.now + 45_000)).toBeCloseTo(0.5, 9)
    expect(s.c.isFinishing).toBe(false)
    s.state.now += 90_000
    expect(s.c.isFinishing).toBe(true)
  })

  it('high -> sigh with the simulator following the pacer -> main starts the re-check -> gate', async () => {
    const s = setup()
    await s.c.init()
    s.state.nextResult = (kind, id) => result(kind, kind === 're-check' ? 'optimal' : 'high', true, id)
    await s.c.startCheckIn('check-in')
    await s.c.finishCheckIn()
    await s.c.continue()
    expect(s.c.flow.prescription).toMatchObject({ state: 'high', prescribed: 'sigh' })
    await s.c.choose('sigh', 'full')
    expect(s.c.flow.step).toBe('breathing')
    const plan = s.c.plan()!
    s.c.protocolStarted(plan)
    s.c.breathPhase('inhale', 0)
    await s.c.protocolEnded({ name: 'sigh', plannedS: 297, doneS: 297, completed: true })
    expect(s.c.flow.step).toBe('measuring')
    expect(s.c.flow.measuring?.kind).toBe('re-check')
    await s.c.finishCheckIn()
    expect(s.c.flow.step).toBe('gate')
    expect(s.c.flow.gate).toMatchObject({ open: true, outcome: 'optimal' })
    expect(intents(s.calls)).toEqual([
      'flowStartCheckIn',
      'flowFinishCheckIn',
      'flowContinue',
      'flowChooseProtocol',
      'flowBreathPhase',
      'flowProtocolEnded',
      'flowFinishCheckIn'
    ])
    const sims = s.calls.filter((x) => x.method === 'simControl').map((x) => x.arg)
    expect(sims).toEqual([{ pattern: plan.pattern }, { pattern: null }])
    // The phase went to main while breathing (main records it).
    expect(s.calls.filter((x) => x.method === 'flowBreathPhase').map((x) => x.arg)).toEqual([
      { phase: 'inhale', cycle: 0 }
    ])
  })

  it('does not drive the simulator when the heart is a real strap', async () => {
    const s = setup({}, false)
    await s.c.init()
    s.c.follow({ phases: [], effect: 'calming' })
    expect(s.calls.some((x) => x.method === 'simControl')).toBe(false)
  })

  it('an older snapshot than the one drawn changes nothing', async () => {
    const s = setup()
    await s.c.init()
    await s.c.override()
    expect(s.c.flow.gate).toMatchObject({ open: true, outcome: 'override' })
    s.c.draw({ ...(await s.api.sessionSnapshot()), rev: 0, flow: { ...s.c.flow, step: 'start' } })
    expect(s.c.flow.step).toBe('gate')
  })

  it('a rejected intent becomes a visible error, not a throw', async () => {
    const s = setup()
    await s.c.init()
    s.state.fail.add('flowStartCheckIn')
    await s.c.startCheckIn('check-in')
    expect(s.c.error).toMatch(/not available/)
    expect(s.c.flow.step).toBe('start')
    s.c.dismissError()
    expect(s.c.error).toBeNull()
  })

  it('opting in is an intent: main checks the answers, saves and records; the screen reloads settings', async () => {
    const s = setup()
    await s.c.init()
    const clear = { pregnancy: false, seizures: false, heart: false, glaucoma: false, fainting: false }
    expect(await s.c.optIn(clear)).toBe(true)
    expect(s.calls.find((x) => x.method === 'flowOptIn')?.arg).toEqual(clear)
    expect(s.c.settings?.superOxygenation.optedIn).toBe(true)
  })

  it('the end-of-block focus rating (or its skip) is an intent to main; a refusal is shown, not thrown', async () => {
    const s = setup()
    await s.c.init()
    s.state.fail.add('timerRateFocus')
    expect(await s.c.rateFocus(4)).toBe(false)
    expect(s.c.error).not.toBeNull()
    s.state.fail.delete('timerRateFocus')
    expect(await s.c.rateFocus(null)).toBe(true)
    expect(s.calls.filter((x) => x.method === 'timerRateFocus').map((x) => x.arg)).toEqual([
      { rating: 4 },
      { rating: null }
    ])
    expect(s.c.error).toBeNull()
  })
})
