/**
 * The balance feature through the real app core: the simulator's board (simulated body -> emulated
 * HID board -> real WbbSource) is listed in the picker, connects, tares (the simulated person
 * steps off and back on), and its step-on / step-off reach the renderer as `balance:event`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { BalanceSample } from '../../devices/dataSource'
import { coreRig, disposeCoreRigs } from '../testSupport/coreRig'
import { balanceFeature } from './balanceFeature'

afterEach(disposeCoreRigs)

async function build() {
  const rig = coreRig({ prefix: 'limbic-balance-', features: [balanceFeature], simulator: { seed: 3 } })
  await rig.core.start()
  return rig
}

describe('balance feature', () => {
  it('the simulated board is in the picker, connects, tares, and step events reach the screen', async () => {
    const b = await build()
    await expect(Promise.resolve(b.h['balance:tare']())).rejects.toThrow(/no balance board is connected/)
    const devices = await b.settle(Promise.resolve(b.h['devices:scan']({ timeoutMs: 1000 })))
    const board = devices.find((d) => d.channels.includes('balance'))
    expect(board).toMatchObject({ name: 'Simulated balance board', simulated: true, channels: ['balance'] })
    await b.settle(Promise.resolve(b.h['devices:connect']({ deviceId: board!.id })))
    await b.run(1000)
    expect(b.events('balance:event')).toMatchObject([{ kind: 'step-on' }])

    await b.settle(Promise.resolve(b.h['balance:tare']()))
    await b.run(1000)
    expect((b.events('balance:event') as { kind: string }[]).map((e) => e.kind)).toEqual([
      'step-on',
      'step-off',
      'step-on'
    ])
    const batches = b.events('balance:samples') as BalanceSample[][]
    const last = batches.flat().slice(-50)
    expect(last.reduce((a, s) => a + s.totalKg, 0) / last.length).toBeCloseTo(70, 0)

    // The drill puts the simulated person in a stance; null steps off.
    await b.h['sim:control']({ stance: 'single-leg-eyes-open' })
    await b.run(2000)
    const one = (b.events('balance:samples') as BalanceSample[][]).flat().slice(-50)
    expect(one.reduce((a, s) => a + (s.copXMm ?? NaN), 0) / one.length).toBeLessThan(-60)
    await b.h['sim:control']({ stance: null })
    await b.run(1000)
    expect((b.events('balance:event') as { kind: string }[]).at(-1)).toMatchObject({ kind: 'step-off' })

    // Switching the balance channel off stops the events.
    await b.h['devices:disconnect']({ channel: 'balance' })
    const n = b.events('balance:event').length
    await b.h['sim:control']({ stance: 'tandem' })
    await b.run(1000)
    expect(b.events('balance:event')).toHaveLength(n)
  })
})
