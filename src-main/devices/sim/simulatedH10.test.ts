import { describe, expect, it } from 'vitest'
import type { BreathPattern } from '../../shared/breathing'
import { ChestBreathing } from '../../signal/chestBreathing'
import { ManualClock } from '../clock'
import type { Sample } from '../dataSource'
import type { PmdEvent } from '../ble/pmdStream'
import { createSimulatedH10, SIM_H10_ID, SIM_H10_NAME } from './simulatedH10'

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
async function run(clock: ManualClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 50) {
    clock.advance(50)
    await flush()
  }
}

const PACER_5: BreathPattern = {
  effect: 'calming',
  phases: [
    { name: 'inhale', durationMs: 5000, endVolume: 1 },
    { name: 'exhale', durationMs: 7000, endVolume: 0 }
  ]
}

describe('Simulated Polar H10 (real BLE driver on an emulated adapter)', () => {
  it('streams heart rate and a chest that breathes with the pacer the heart follows', async () => {
    const clock = new ManualClock()
    const sim = createSimulatedH10({ clock, seed: 4 })
    sim.heart.followPattern(PACER_5)
    const samples: Sample[] = []
    const chest: PmdEvent[] = []
    sim.source.onSample((s) => samples.push(s))
    sim.source.onChest((e) => chest.push(e))
    const connecting = sim.source.connect()
    await run(clock, 2000)
    await connecting
    await sim.source.start()
    await run(clock, 150_000)
    expect(sim.source.status()).toMatchObject({
      state: 'streaming',
      simulated: true,
      breathingSource: 'chest',
      device: { id: SIM_H10_ID, name: SIM_H10_NAME }
    })
    expect(samples.filter((s) => s.type === 'beat').length).toBeGreaterThan(100)
    const est = new ChestBreathing()
    for (const e of chest) {
      if (e.kind === 'gap') est.markGap()
      else
        for (let i = 0; i < e.tMs.length; i++)
          est.push(e.tMs[i]!, e.values[3 * i]!, e.values[3 * i + 1]!, e.values[3 * i + 2]!)
    }
    expect(est.rateBpm).toBeGreaterThan(4.8)
    expect(est.rateBpm).toBeLessThan(5.2)
    await sim.source.dispose()
  })
})
