/**
 * Resonance breathing in the session flow (issue 17): reachable with `flow:choose-protocol
 * {protocol: 'resonance'}` from the prescription or the gate, no safety screening, no seated rest,
 * recorded like the other protocols; the contract accepts the name and nothing like it.
 */
import { describe, expect, it } from 'vitest'
import { invokeRequests } from '../../shared/contract'
import { initialFlow, reduce, type Flow } from '../../shared/flowMachine'

describe('resonance breathing in the flow', () => {
  it('goes straight to the pacer, ends in the re-check without a rest, and is recorded', () => {
    const gate: Flow = { ...initialFlow({ open: true, outcome: 'override', atMs: 1 }), step: 'gate' }
    const chosen = reduce(gate, { type: 'choose', protocol: 'resonance', dose: 'full' })
    expect(chosen.flow.step).toBe('breathing')
    expect(chosen.flow.prescription?.chosen).toBe('resonance')
    expect(chosen.record).toMatchObject({ type: 'protocol-start', detail: { chosen: 'resonance' } })
    const ended = reduce(chosen.flow, {
      type: 'protocol-ended',
      done: { name: 'resonance', plannedS: 300, doneS: 300, completed: true }
    })
    expect(ended.flow.step).toBe('recheck-ready')
    expect(ended.flow.needsRest).toBe(false)
    expect(ended.record).toMatchObject({
      type: 'protocol-end',
      detail: { name: 'resonance', completed: true }
    })
  })

  it('the contract takes "resonance" as a protocol and refuses what only looks like it', () => {
    const choose = invokeRequests['flow:choose-protocol']
    expect(choose.parse({ protocol: 'resonance', dose: 'full' })).toEqual({
      protocol: 'resonance',
      dose: 'full'
    })
    for (const bad of ['Resonance', 'resonance ', 'resonance\u0000', '__proto__', 6])
      expect(() => choose.parse({ protocol: bad, dose: 'full' })).toThrow(/protocol/)
    const ended = invokeRequests['flow:protocol-ended']
    expect(() => ended.parse({ name: 'resonance', plannedS: 1e9, doneS: 1, completed: true })).toThrow(
      /plannedS/
    )
    // The resonance intents take nothing: any payload is refused.
    for (const channel of ['resonance:start', 'resonance:cancel', 'resonance:skip-rest'] as const) {
      expect(invokeRequests[channel].parse(undefined)).toBeUndefined()
      expect(() => invokeRequests[channel].parse({ stepS: 1 })).toThrow()
      expect(() => invokeRequests[channel].parse('x')).toThrow()
    }
  })
})
