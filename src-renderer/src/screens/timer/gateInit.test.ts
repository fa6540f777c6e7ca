import { describe, expect, it, vi } from 'vitest'
import { initGateFromSession } from './gateInit'
import { gateFromSession } from '../../../../src-main/shared/gate'
import type { GateState } from '../../../../src-main/shared/gate'

describe('gate from the session', () => {
  it('opens with the recorded outcome and time', () => {
    expect(
      gateFromSession({
        id: 's1',
        startUtc: '',
        gate: { outcome: 'override', atUtc: '2025-01-06T09:00:00.000Z' }
      })
    ).toEqual({ open: true, outcome: 'override', atMs: Date.UTC(2025, 0, 6, 9) })
    expect(gateFromSession({ id: 's1', startUtc: '', gate: null })).toBeNull()
    expect(gateFromSession(null)).toBeNull()
  })

  it('applies an open gate, leaves the gate alone otherwise, and survives a rejected call', async () => {
    const applied: GateState[] = []
    await initGateFromSession(
      { sessionCurrent: async () => ({ id: 's', startUtc: '', gate: { outcome: 'optimal', atUtc: 'x' } }) },
      (g) => applied.push(g)
    )
    expect(applied).toEqual([{ open: true, outcome: 'optimal', atMs: 0 }])
    await initGateFromSession({ sessionCurrent: async () => null }, (g) => applied.push(g))
    expect(applied).toHaveLength(1)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await expect(
      initGateFromSession({ sessionCurrent: () => Promise.reject(new Error('not available')) }, (g) =>
        applied.push(g)
      )
    ).resolves.toBeNull()
    expect(applied).toHaveLength(1)
    expect(warn).toHaveBeenCalledOnce()
    warn.mockRestore()
  })
})
