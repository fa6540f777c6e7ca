/**
 * The chest path end to end below the parser: an emulated Polar H10 (fakeNoble + fakePmd) with a
 * simulated chest breathing to a pacer, the real BleHeartRateSource + PmdClient + PmdStream, and
 * the breathing estimator on what comes out.
 */
import { describe, expect, it } from 'vitest'
import { lungVolumeAt, type BreathPattern } from '../../shared/breathing'
import { ChestBreathing } from '../../signal/chestBreathing'
import { ManualClock } from '../clock'
import type { SourceStatus } from '../dataSource'
import { SimulatedChest } from '../sim/simulatedChest'
import { BleHeartRateSource, type ChestOptions } from './bleHeartRateSource'
import { FakeNoble, rhythmPayloads, type FakeStrapOptions } from './fakeNoble'
import type { FakePmdOptions } from './fakePmd'
import { PMD_ACC, PMD_OP_GET_SETTINGS, PMD_OP_START } from './pmdProtocol'
import type { PmdEvent, PmdSamples } from './pmdStream'

const H10 = 'c0ffee000010'
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function run(clock: ManualClock, ms: number, stepMs = 50): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(Math.min(stepMs, ms - t))
    await flush()
  }
}

async function settle<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let done = false
  const tracked = promise.finally(() => (done = true))
  tracked.catch(() => undefined)
  for (let t = 0; t < 60_000 && !done; t += 10) {
    clock.advance(10)
    await flush()
  }
  return tracked
}

/** 6 breaths/min: 4 s in, 6 s out. */
const PACER_6: BreathPattern = {
  effect: 'calming',
  phases: [
    { name: 'inhale', durationMs: 4000, endVolume: 1 },
    { name: 'exhale', durationMs: 6000, endVolume: 0 }
  ]
}

function rig(
  pmd: FakePmdOptions | null,
  chest: ChestOptions | null = { accSampleRateHz: 50 }
): {
  clock: ManualClock
  fake: FakeNoble
  source: BleHeartRateSource
  events: PmdEvent[]
  statuses: SourceStatus[]
  raw: Uint8Array[]
} {
  const clock = new ManualClock()
  const t0 = clock.now()
  const body = new SimulatedChest((t) => lungVolumeAt(PACER_6, t - t0))
  const strap: FakeStrapOptions = {
    id: H10,
    name: 'Polar H10 ABCDEF12',
    payloads: rhythmPayloads({ bpm: 60 }),
    ...(pmd ? { pmd: { accMg: (t: number) => body.accMg(t - t0), ...pmd } } : {})
  }
  const fake = new FakeNoble({ clock, straps: [strap] })
  const raw: Uint8Array[] = []
  const source = new BleHeartRateSource({
    noble: fake,
    clock,
    watchdogMs: 5000,
    scanTimeoutMs: 3000,
    ...(chest ? { chest } : {}),
    onPmdRaw: (_t, bytes) => raw.push(bytes)
  })
  const events: PmdEvent[] = []
  const statuses: SourceStatus[] = []
  source.onChest((e) => events.push(e))
  source.onStatus((s) => statuses.push(s))
  return { clock, fake, source, events, statuses, raw }
}

function accSamples(events: PmdEvent[]): PmdSamples[] {
  return events.filter((e): e is PmdSamples => e.kind === 'samples' && e.measurement === 'acc')
}

describe('Polar H10 chest data over PMD (emulated strap)', () => {
  it('connects, asks for settings, starts ACC at 50 Hz; the estimator finds the pacer rate', async () => {
    const r = rig({})
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    const pmd = r.fake.strap(H10).pmd!
    expect(pmd.requests.map((b) => [b[0], b[1]])).toEqual([
      [PMD_OP_GET_SETTINGS, PMD_ACC],
      [PMD_OP_START, PMD_ACC]
    ])
    // 50 Hz, 16 bit, +-4 G
    expect([...pmd.requests[1]!]).toEqual([2, 2, 0, 1, 50, 0, 1, 1, 16, 0, 2, 1, 4, 0])
    await run(r.clock, 120_000)
    expect(r.source.status().breathingSource).toBe('chest')

    const est = new ChestBreathing()
    let n = 0
    for (const e of accSamples(r.events)) {
      for (let i = 0; i < e.tMs.length; i++, n++) {
        est.push(e.tMs[i]!, e.values[3 * i]!, e.values[3 * i + 1]!, e.values[3 * i + 2]!)
      }
    }
    expect(n).toBeGreaterThan(50 * 115)
    expect(est.rateBpm).toBeGreaterThan(5.8)
    expect(est.rateBpm).toBeLessThan(6.2)
    expect(r.source.chestQuality).toMatchObject({ malformed: 0, timestampJumps: 0, outOfOrder: 0 })
    expect(r.raw.length).toBe(r.source.chestQuality.frames)
    await r.source.dispose()
  })

  it('raw 16-bit ACC frames work the same; ECG streams when asked', async () => {
    const r = rig({ accCompressed: false, ecgUv: (t) => 500 * Math.sin(t / 100) }, { ecg: true })
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    await run(r.clock, 5000)
    const ecg = r.events.filter((e): e is PmdSamples => e.kind === 'samples' && e.measurement === 'ecg')
    expect(ecg.reduce((n, e) => n + e.tMs.length, 0)).toBeGreaterThan(130 * 4)
    expect(accSamples(r.events).length).toBeGreaterThan(5)
    await r.source.dispose()
  })

  it('a strap without PMD works as before and says breathing comes from RSA', async () => {
    const r = rig(null)
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    await run(r.clock, 5000)
    expect(r.source.status()).toMatchObject({ state: 'streaming', breathingSource: 'rsa', detail: null })
    expect(r.events).toEqual([])
    await r.source.dispose()
  })

  it('no chest option: PMD is never touched', async () => {
    const r = rig({}, null)
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    await run(r.clock, 3000)
    expect(r.fake.strap(H10).pmd!.requests).toEqual([])
    expect(r.source.status().breathingSource).toBe('rsa')
    await r.source.dispose()
  })

  it('bad frames are counted and gapped; a stalled chest stream falls back to RSA; reconnect restarts it', async () => {
    const r = rig({ frameIntervalMs: 500 })
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    await run(r.clock, 3000)
    const strap = r.fake.strap(H10)
    expect(strap.pmd!.inject(Uint8Array.from([2, 1, 2, 3]))).toBe(true)
    expect(strap.pmd!.inject(Uint8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0, 0x33, 1, 2, 3]))).toBe(true)
    await run(r.clock, 2000)
    expect(r.source.chestQuality).toMatchObject({ malformed: 1, unknownFrameType: 1 })
    expect(r.events.some((e) => e.kind === 'gap' && e.reason === 'malformed')).toBe(true)

    // The strap's PMD stops without a word: after the chest watchdog, breathing is RSA again.
    strap.pmd!.disconnected()
    await run(r.clock, 6000)
    expect(r.source.status().breathingSource).toBe('rsa')
    expect(r.source.status().state).toBe('streaming') // heart rate unaffected

    // The link drops and comes back: PMD is started again on the new connection.
    strap.dropLink({ comeBackAfterMs: 1000 })
    await run(r.clock, 8000)
    expect(r.source.status().breathingSource).toBe('chest')
    expect(r.events.some((e) => e.kind === 'gap' && e.reason === 'link-lost')).toBe(true)
    const times = accSamples(r.events).flatMap((e) => e.tMs)
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!)
    await r.source.dispose()
  })

  it('a refused start leaves heart rate working and says why', async () => {
    const r = rig({}, { accSampleRateHz: 50 })
    // Make the emulated strap refuse: it offers no rate we can use.
    const strap = r.fake.strap(H10)
    const write = strap.pmd!.write.bind(strap.pmd!)
    strap.pmd!.write = (bytes: Uint8Array): void =>
      write(bytes[0] === PMD_OP_START ? bytes.subarray(0, 2) : bytes)
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    await run(r.clock, 3000)
    expect(r.source.status()).toMatchObject({ state: 'streaming', breathingSource: 'rsa' })
    expect(r.source.status().detail).toMatch(/chest data unavailable: .*invalid-sample-rate/)
    await r.source.dispose()
  })
})

describe('a strap held by another app or phone', () => {
  it('is not found, and the status says it may be connected elsewhere', async () => {
    const r = rig({})
    r.fake.strap(H10).setConnectedElsewhere(true)
    await expect(settle(r.clock, r.source.connect(H10))).rejects.toMatchObject({ code: 'no-device-found' })
    expect(r.source.status()).toMatchObject({
      problem: 'no-device-found',
      problemHint: 'connected-elsewhere'
    })
    r.fake.strap(H10).setConnectedElsewhere(false)
    await settle(r.clock, r.source.connect(H10))
    expect(r.source.status()).toMatchObject({ problem: null, problemHint: null, state: 'connected' })
    await r.source.dispose()
  })

  it('seen in a scan, then taken by another app: the connect fails with the same hint', async () => {
    const r = rig({})
    const found = await settle(r.clock, r.source.discover({ timeoutMs: 1000 }))
    expect(found.map((d) => d.id)).toEqual([H10])
    r.fake.strap(H10).setConnectedElsewhere(true)
    await expect(settle(r.clock, r.source.connect(H10))).rejects.toMatchObject({ code: 'connect-failed' })
    expect(r.source.status()).toMatchObject({
      problem: 'connect-failed',
      problemHint: 'connected-elsewhere',
      device: { id: H10 }
    })
    await r.source.dispose()
  })
})

describe('a PMD control point that never answers', () => {
  it('times out, heart rate connects anyway and says why', async () => {
    const r = rig({})
    const pmd = r.fake.strap(H10).pmd!
    pmd.write = (): void => undefined // requests vanish
    await settle(r.clock, r.source.connect(H10))
    await r.source.start()
    await run(r.clock, 3000)
    expect(r.source.status()).toMatchObject({ state: 'streaming', breathingSource: 'rsa' })
    expect(r.source.status().detail).toMatch(/chest data unavailable: no control-point answer/)
    await r.source.dispose()
  })
})
