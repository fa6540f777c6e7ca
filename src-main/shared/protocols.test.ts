/**
 * The protocol catalogue (issue 16): every protocol the flow accepts is described, guided ones
 * have a script that fills their time, the energising pattern is inhale-led without being
 * hyperventilation, the control is not a practice in disguise; `flow:choose-protocol` accepts
 * exactly these names; the reducer runs each one from choice to re-check.
 */
import { describe, expect, it } from 'vitest'
import { breathsPerMinute, cycleMs } from './breathing'
import { invokeRequests } from './contract'
import { initialFlow, reduce, type Flow, type FlowEvent } from './flowMachine'
import {
  NEW_PROTOCOLS,
  PROTOCOLS,
  PROTOCOL_NAMES,
  cueAt,
  isGuided,
  isNewProtocol,
  simulatedBreathing,
  timedScript
} from './protocols'
import { result } from './testSupport/checkInResult'

describe('the protocol catalogue', () => {
  it('describes every protocol name, guided ones with a script and paced ones without', () => {
    expect([...PROTOCOL_NAMES].sort()).toEqual([
      'energising-inhale',
      'nsdr',
      'panoramic-vision',
      'resonance',
      'sigh',
      'sit-quietly',
      'super-oxygenation'
    ])
    expect(NEW_PROTOCOLS.every(isNewProtocol)).toBe(true)
    expect(isNewProtocol('sigh') || isNewProtocol('super-oxygenation')).toBe(false)
    expect(PROTOCOL_NAMES.filter(isGuided)).toEqual(['panoramic-vision', 'nsdr', 'sit-quietly'])
    for (const name of PROTOCOL_NAMES) {
      const p = PROTOCOLS[name]
      expect(p.script !== null, name).toBe(p.kind === 'guided')
      expect(p.shortS, name).toBeLessThan(p.fullS)
      expect(p.shortS, name).toBeGreaterThan(0)
    }
  })

  it('gives the issue its lengths and directions', () => {
    const p = PROTOCOLS
    expect(p['panoramic-vision']).toMatchObject({ kind: 'guided', effect: 'calming' })
    expect(p['panoramic-vision'].fullS).toBeGreaterThanOrEqual(60)
    expect(p['panoramic-vision'].fullS).toBeLessThanOrEqual(120)
    expect(p['energising-inhale']).toMatchObject({ kind: 'paced', effect: 'energizing' })
    expect(p['energising-inhale'].fullS).toBeGreaterThanOrEqual(120)
    expect(p['energising-inhale'].fullS).toBeLessThanOrEqual(180)
    expect(p.nsdr).toMatchObject({ kind: 'guided', fullS: 600, shortS: 300 })
    expect(p['sit-quietly']).toMatchObject({ kind: 'guided', effect: 'neutral', fullS: 120 })
  })

  it('each script fills its full length, with unique words, and NSDR chimes between every section and at the end', () => {
    const keys = new Set<string>()
    for (const name of PROTOCOL_NAMES) {
      const script = PROTOCOLS[name].script
      if (!script) continue
      expect(
        script.steps.reduce((s, c) => s + c.durationS, 0),
        name
      ).toBe(PROTOCOLS[name].fullS)
      for (const c of script.steps) {
        expect(c.messageKey.startsWith(`protocols.cue.${name}.`), c.messageKey).toBe(true)
        expect(keys.has(c.messageKey), c.messageKey).toBe(false)
        keys.add(c.messageKey)
      }
      expect(script.endChime, name).toBe(true)
    }
    expect(PROTOCOLS.nsdr.script!.steps.every((c) => c.chime)).toBe(true)
    expect(PROTOCOLS.nsdr.script!.steps.length).toBeGreaterThanOrEqual(6)
  })

  it('sit-quietly is one line with a chime at the start and at the end, and breathes as the person does', () => {
    const script = PROTOCOLS['sit-quietly'].script!
    expect(script.steps).toHaveLength(1)
    expect(script.steps[0]).toMatchObject({ chime: true })
    expect(script.endChime).toBe(true)
    expect(simulatedBreathing('sit-quietly').effect).toBe('neutral')
  })

  it('the energising pattern leads with the inhale at an ordinary resting rate, without holds', () => {
    const pattern = simulatedBreathing('energising-inhale')
    const [inhale, exhale] = pattern.phases
    expect(pattern.phases.map((p) => p.name)).toEqual(['inhale', 'exhale'])
    expect(inhale!.durationMs).toBeGreaterThan(exhale!.durationMs)
    expect(pattern.effect).toBe('energizing')
    // Super-oxygenation's 1.6 s / 1 s is ~23/min; this is not that.
    expect(breathsPerMinute(pattern)).toBeLessThanOrEqual(12)
    expect(cycleMs(pattern)).toBe(5000)
  })

  it('NSDR breathes slowly with long exhales in the simulation; panoramic vision breathes calmly', () => {
    const nsdr = simulatedBreathing('nsdr')
    expect(nsdr.phases[1]!.durationMs).toBeGreaterThan(nsdr.phases[0]!.durationMs)
    expect(breathsPerMinute(nsdr)).toBeCloseTo(6, 9)
    expect(simulatedBreathing('panoramic-vision').effect).toBe('calming')
  })
})

describe('a guided script on the clock', () => {
  const script = PROTOCOLS.nsdr.script!

  it('keeps every section at its share, whatever the length (5-minute dose, 20 s test run)', () => {
    for (const totalMs of [600_000, 300_000, 20_000]) {
      const cues = timedScript(script, totalMs)
      expect(cues).toHaveLength(script.steps.length)
      expect(cues[0]!.fromMs).toBe(0)
      expect(cues.at(-1)!.toMs).toBe(totalMs)
      for (let i = 1; i < cues.length; i++) expect(cues[i]!.fromMs).toBe(cues[i - 1]!.toMs)
      expect(cues[0]!.toMs).toBeCloseTo((45 / 600) * totalMs, 6)
    }
  })

  it('says which step runs when, and the last one after the end', () => {
    const cues = timedScript(script, 600_000)
    expect(cueAt(cues, 0).cue.messageKey).toBe('protocols.cue.nsdr.arrive')
    expect(cueAt(cues, 44_999).index).toBe(0)
    expect(cueAt(cues, 45_000).cue.messageKey).toBe('protocols.cue.nsdr.exhale')
    expect(cueAt(cues, 599_999).cue.messageKey).toBe('protocols.cue.nsdr.return')
    expect(cueAt(cues, 10_000_000).index).toBe(cues.length - 1)
  })

  it('refuses a practice without length', () => {
    expect(() => timedScript(script, 0)).toThrow(/positive length/)
    expect(() => timedScript(script, Number.NaN)).toThrow(/positive length/)
  })
})

describe('flow:choose-protocol', () => {
  const choose = invokeRequests['flow:choose-protocol']

  it('accepts every catalogue protocol with either dose', () => {
    for (const protocol of PROTOCOL_NAMES)
      for (const dose of ['full', 'short'] as const)
        expect(choose.parse({ protocol, dose }, 'request')).toEqual({ protocol, dose })
  })

  it.each(['box-breathing', 'NSDR', 'panoramic', '', 'resonance '])(
    'refuses the unknown name %j',
    (protocol) => {
      expect(() => choose.parse({ protocol, dose: 'full' }, 'request')).toThrow(/protocol/)
    }
  )
})

describe('the flow with each new protocol', () => {
  function toPrescription(state: 'high' | 'low'): Flow {
    let flow = initialFlow()
    const events: FlowEvent[] = [
      { type: 'checkin-started', kind: 'check-in', id: 'c1', startedAtMs: 0, durationS: 60 },
      { type: 'checkin-finished', result: result('check-in', state, true, 'c1'), nowMs: 60_000 },
      { type: 'continue' }
    ]
    for (const e of events) flow = reduce(flow, e).flow
    expect(flow.step).toBe('prescription')
    return flow
  }

  it.each(NEW_PROTOCOLS)(
    '%s: chosen without a safety screen, ended, re-checked, no seated rest',
    (protocol) => {
      for (const state of ['high', 'low'] as const) {
        const chosen = reduce(toPrescription(state), { type: 'choose', protocol, dose: 'short' })
        expect(chosen.flow.step).toBe('breathing')
        expect(chosen.flow.prescription).toMatchObject({ state, chosen: protocol, dose: 'short' })
        expect(chosen.record).toMatchObject({
          type: 'protocol-start',
          detail: { chosen: protocol, reason: 'user-chose-other' }
        })
        const done = { name: protocol, plannedS: 60, doneS: 21.5, completed: false }
        const ended = reduce(chosen.flow, { type: 'protocol-ended', done })
        expect(ended.flow.step).toBe('recheck-ready')
        expect(ended.flow.protocolDone).toEqual(done)
        expect(ended.flow.needsRest).toBe(false)
        expect(ended.record).toMatchObject({
          type: 'protocol-end',
          detail: { name: protocol, reason: 'stopped-early' }
        })
        const again = reduce({ ...ended.flow, step: 'gate' }, { type: 'another-round' })
        expect(again.flow.step).toBe('breathing')
      }
    }
  )
})
