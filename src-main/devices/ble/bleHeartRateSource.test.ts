import { describe, expect, it } from 'vitest'
import { ManualClock, systemClock } from '../clock'
import type { BeatSample, GapSample, HeartMeasurementSample, Sample, SourceStatus } from '../dataSource'
import { BleHeartRateSource, BleProblemError, type BleHeartRateSourceOptions } from './bleHeartRateSource'
import { FakeNoble, queue, rhythmPayloads, type FakeStrapOptions } from './fakeNoble'
import { rr1024ToMs } from './heartRateMeasurement'

const H7 = 'a0b1c2d3e4f5'
const H10 = 'c0ffee000010'

/** Let promise continuations run (the driver's async steps) between clock steps. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function run(clock: ManualClock, ms: number, stepMs = 10): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(Math.min(stepMs, ms - t))
    await flush()
  }
}

/** Drive `promise` to completion while time passes; fail if it needs more than `maxMs`. */
async function settle<T>(clock: ManualClock, promise: Promise<T>, maxMs = 60_000): Promise<T> {
  let done = false
  const tracked = promise.finally(() => {
    done = true
  })
  tracked.catch(() => undefined)
  for (let t = 0; t < maxMs && !done; t += 10) {
    clock.advance(10)
    await flush()
  }
  if (!done) throw new Error(`still pending after ${maxMs} ms`)
  return tracked
}

interface Rig {
  clock: ManualClock
  fake: FakeNoble
  source: BleHeartRateSource
  samples: Sample[]
  statuses: SourceStatus[]
}

function rig(
  straps: FakeStrapOptions[],
  options: Partial<BleHeartRateSourceOptions> = {},
  adapter = {}
): Rig {
  const clock = new ManualClock()
  const fake = new FakeNoble({ clock, straps, ...adapter })
  const source = new BleHeartRateSource({
    noble: fake,
    clock,
    watchdogMs: 5000,
    scanTimeoutMs: 3000,
    ...options
  })
  const samples: Sample[] = []
  const statuses: SourceStatus[] = []
  source.onSample((s) => samples.push(s))
  source.onStatus((s) => statuses.push(s))
  return { clock, fake, source, samples, statuses }
}

const of = <T extends Sample['type']>(samples: Sample[], type: T) =>
  samples.filter((s): s is Extract<Sample, { type: T }> => s.type === type)

describe('BleHeartRateSource: discover and connect', () => {
  it('discover reports name, RSSI and id of every strap advertising 0x180D, strongest first', async () => {
    const { clock, source } = rig([
      { id: H7, name: 'Polar H7 1A2B3C4D', rssi: -70, payloads: [] },
      { id: H10, name: 'Polar H10 9F8E7D6C', rssi: -48, payloads: [] }
    ])
    const devices = await settle(clock, source.discover({ timeoutMs: 1000 }))
    expect(devices).toEqual([
      {
        id: H10,
        kind: 'ble-hr',
        name: 'Polar H10 9F8E7D6C',
        rssi: -48,
        channels: ['heart'],
        simulated: false
      },
      { id: H7, kind: 'ble-hr', name: 'Polar H7 1A2B3C4D', rssi: -70, channels: ['heart'], simulated: false }
    ])
    expect(source.status().state).toBe('idle')
  })

  it('connects, reads battery and body sensor location, decodes the Polar H7 capture exactly', async () => {
    const { clock, fake, source, samples, statuses } = rig([
      {
        id: H7,
        payloads: queue('06 3C', '16 3C 11 04', '16 3C F5 03'),
        batteryPct: 77,
        bodySensorLocation: 1
      }
    ])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 3500)

    const s = source.status()
    expect(s).toMatchObject({
      state: 'streaming',
      batteryPct: 77,
      contact: 'detected',
      problem: null,
      malformedCount: 0
    })
    expect(s.device).toMatchObject({ id: H7, name: 'Polar H7 1A2B3C4D', rssi: -62 })
    expect(source.sensorLocation).toBe('chest')
    expect(statuses.map((x) => x.state)).toEqual(
      expect.arrayContaining(['scanning', 'connecting', 'connected', 'streaming'])
    )

    const hr = of(samples, 'hr') as HeartMeasurementSample[]
    expect(hr.map((h) => [h.hrBpm, h.contact, h.energyKj, h.rrMs])).toEqual([
      [60, 'detected', null, []],
      [60, 'detected', null, [1016.6015625]],
      [60, 'detected', null, [(1013 * 1000) / 1024]]
    ])
    const beats = of(samples, 'beat') as BeatSample[]
    expect(beats.map((b) => b.rrMs)).toEqual([1016.6015625, (1013 * 1000) / 1024])
    expect(beats[1]!.tMs - beats[0]!.tMs).toBe(beats[1]!.rrMs)
    expect(fake.strap(H7).subscribed).toBe(true)
  })

  it('emits no samples before start(), but status already shows contact', async () => {
    const { clock, source, samples } = rig([{ id: H7, payloads: queue('04 48', '04 48') }])
    await settle(clock, source.connect())
    await run(clock, 1500)
    expect(samples).toEqual([])
    expect(source.status()).toMatchObject({ state: 'connected', contact: 'not-detected' })
  })

  it('connect() without an id goes to the preferred (remembered) strap, not the first one found', async () => {
    const { clock, source } = rig(
      [
        { id: H7, payloads: [], advertiseDelayMs: 50 },
        { id: H10, payloads: [], advertiseDelayMs: 400 }
      ],
      { preferredDeviceId: H10 }
    )
    await settle(clock, source.connect())
    expect(source.status().device?.id).toBe(H10)
  })

  it('connect(otherId) switches device: old link closed, only the new strap feeds samples', async () => {
    const { clock, fake, source, samples } = rig([
      { id: H7, payloads: () => Uint8Array.from([0x06, 70]) },
      { id: H10, payloads: () => Uint8Array.from([0x06, 80]) }
    ])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 2500)
    await settle(clock, source.connect(H10))
    const switchedAt = clock.now()
    await run(clock, 3000)
    expect(fake.strap(H7).connected).toBe(false)
    expect(source.status().device?.id).toBe(H10)
    const hr = of(samples, 'hr') as HeartMeasurementSample[]
    expect(hr.filter((h) => h.tMs > switchedAt).every((h) => h.hrBpm === 80)).toBe(true)
    expect(hr.some((h) => h.hrBpm === 80)).toBe(true)
  })

  it('a strap that never answers the connect: connect-failed after the timeout, connect cancelled', async () => {
    const { clock, fake, source } = rig([{ id: H7, payloads: [], connectDelayMs: 600_000 }], {
      connectTimeoutMs: 2000
    })
    const err = await settle(clock, source.connect(H7)).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BleProblemError)
    expect((err as BleProblemError).code).toBe('connect-failed')
    expect(source.status()).toMatchObject({ state: 'error', problem: 'connect-failed' })
    expect(fake.strap(H7).peripheral.state).toBe('disconnected')
  })

  it('no strap in range: no-device-found', async () => {
    const { clock, source } = rig([{ id: H7, payloads: [], inRange: false }])
    const err = await settle(clock, source.connect(H7)).catch((e: unknown) => e)
    expect((err as BleProblemError).code).toBe('no-device-found')
  })
})

describe('BleHeartRateSource: malformed packets', () => {
  it('counts and reports a malformed notification, never half-decodes it, marks the gap', async () => {
    const { clock, fake, source, samples } = rig([{ id: H7, payloads: queue('16 3C 11 04', '16 3C 00 04') }])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 1100)
    expect(fake.strap(H7).inject('16 3C 11')).toBe(true) // RR flag with one dangling byte
    expect(fake.strap(H7).inject('01 3C')).toBe(true) // uint16 HR with one byte
    const s = source.status()
    expect(s.malformedCount).toBe(2)
    expect(s.detail).toMatch(/malformed 0x2A37 packet: truncated: uint16 heart rate/)
    expect(of(samples, 'hr')).toHaveLength(1)
    await run(clock, 1000)
    const gaps = of(samples, 'gap') as GapSample[]
    expect(gaps).toHaveLength(1)
    expect(gaps[0]!.reason).toBe('malformed')
    expect(source.status().state).toBe('streaming')
  })
})

describe('BleHeartRateSource: drop-outs and reconnect', () => {
  it('link drop: reconnecting at once, same device comes back, gap marked, every RR exactly once', async () => {
    const rhythm = rhythmPayloads({ bpm: 75, seed: 7 })
    const { clock, fake, source, samples, statuses } = rig([{ id: H7, payloads: rhythm }])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 20_000)
    const scansBefore = fake.scanStarts

    fake.strap(H7).dropLink()
    const dropped = source.status()
    expect(dropped).toMatchObject({ state: 'reconnecting', problem: 'link-lost', reconnectAttempt: 1 })
    expect(dropped.nextRetryAtMs).toBe(clock.now() + 1000)
    expect(dropped.detail).toMatch(/disconnected \(reason 8\)/)

    await run(clock, 4000)
    fake.strap(H7).comeBack()
    await run(clock, 20_000)

    expect(source.status()).toMatchObject({ state: 'streaming', problem: null, reconnectAttempt: 0 })
    expect(source.status().device?.id).toBe(H7)
    expect(fake.scanStarts).toBeGreaterThan(scansBefore) // re-scanned to find it
    expect(statuses.some((s) => s.state === 'reconnecting' && s.reconnectAttempt >= 2)).toBe(true)

    const beats = of(samples, 'beat') as BeatSample[]
    // no duplicates, nothing invented: exactly the RRs the strap sent, in order
    expect(beats.map((b) => b.rrMs)).toEqual(rhythm.sentRrRaw1024.map(rr1024ToMs))
    for (let i = 1; i < beats.length; i++) {
      expect(beats[i]!.seq).toBe(beats[i - 1]!.seq + 1)
      expect(beats[i]!.tMs).toBeGreaterThan(beats[i - 1]!.tMs)
    }
    const gaps = of(samples, 'gap') as GapSample[]
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({ channel: 'heart', reason: 'link-lost' })
    expect(gaps[0]!.toMs - gaps[0]!.fromMs).toBeGreaterThan(4000)
    // no beat interval lies inside the gap
    for (const b of beats) expect(b.tMs <= gaps[0]!.fromMs || b.tMs - b.rrMs >= gaps[0]!.toMs).toBe(true)
  })

  it('retries with exponential backoff on the injected clock, then gives up', async () => {
    const { clock, fake, source, statuses } = rig([{ id: H7, payloads: rhythmPayloads() }], {
      reconnect: { firstDelayMs: 1000, factor: 2, maxDelayMs: 4000, maxAttempts: 4 },
      scanTimeoutMs: 500
    })
    await settle(clock, source.connect(H7))
    fake.strap(H7).dropLink()
    await run(clock, 30_000)
    const waits = statuses
      .filter((s) => s.nextRetryAtMs !== null)
      .map((s) => [s.reconnectAttempt, s.nextRetryAtMs! - s.tMs])
    expect(waits).toEqual([
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 4000]
    ])
    expect(source.status()).toMatchObject({ state: 'disconnected', problem: 'gave-up' })
    expect(clock.pendingTimers()).toBe(0)
  })

  it('watchdog: a strap that silently stops notifying is treated as a lost link and recovered', async () => {
    const { clock, fake, source, samples } = rig([{ id: H10, payloads: rhythmPayloads({ bpm: 60 }) }], {
      watchdogMs: 5000
    })
    await settle(clock, source.connect(H10))
    await source.start()
    await run(clock, 10_000)
    fake.strap(H10).stall()
    const stalledAt = clock.now()
    await run(clock, 4900)
    expect(source.status().state).toBe('streaming')
    await run(clock, 200)
    expect(source.status()).toMatchObject({ state: 'reconnecting', problem: 'link-lost' })
    expect(source.status().detail).toMatch(/no notification for 5000 ms/)
    await run(clock, 10_000)
    expect(source.status().state).toBe('streaming')
    expect(of(samples, 'hr').filter((h) => h.tMs > stalledAt + 5000).length).toBeGreaterThan(3)
    expect(of(samples, 'gap')).toHaveLength(1)
  })

  it('reconnect re-subscribes once: one sample per notification after several drops', async () => {
    const { clock, fake, source, samples } = rig([{ id: H7, payloads: () => Uint8Array.from([0x06, 66]) }])
    await settle(clock, source.connect(H7))
    await source.start()
    for (let i = 0; i < 3; i++) {
      await run(clock, 3000)
      fake.strap(H7).dropLink({ comeBackAfterMs: 500 })
      await run(clock, 3000)
    }
    await run(clock, 3000)
    expect(of(samples, 'hr')).toHaveLength(fake.strap(H7).notificationsSent)
    // even short drop-outs (shorter than the beat timeline's own lag limit) are marked
    const gaps = of(samples, 'gap') as GapSample[]
    expect(gaps.map((g) => g.reason)).toEqual(['link-lost', 'link-lost', 'link-lost'])
    for (const g of gaps) expect(g.toMs - g.fromMs).toBeLessThan(5000)
  })
})

describe('BleHeartRateSource: adapter states become problem codes', () => {
  for (const [state, code] of [
    ['poweredOff', 'adapter-powered-off'],
    ['unauthorized', 'adapter-unauthorized'],
    ['unsupported', 'adapter-unsupported']
  ] as const) {
    it(`${state} -> ${code}`, async () => {
      const { clock, source } = rig([{ id: H7, payloads: [] }], {}, { state })
      const err = await settle(clock, source.discover()).catch((e: unknown) => e)
      expect((err as BleProblemError).code).toBe(code)
      expect(source.status()).toMatchObject({ state: 'error', problem: code })
    })
  }

  it("waits for noble's initial 'unknown' state, then works", async () => {
    const { clock, fake, source } = rig([{ id: H7, payloads: [] }], {}, { state: 'unknown' })
    clock.setTimeout(() => fake.setAdapterState('poweredOn'), 300)
    await settle(clock, source.connect(H7))
    expect(source.status().state).toBe('connected')
  })

  it("an adapter stuck in 'unknown' is reported after adapterTimeoutMs", async () => {
    const { clock, source } = rig(
      [{ id: H7, payloads: [] }],
      { adapterTimeoutMs: 2000 },
      { state: 'unknown' }
    )
    const err = await settle(clock, source.connect(H7)).catch((e: unknown) => e)
    expect((err as BleProblemError).code).toBe('adapter-unsupported')
  })

  it('Bluetooth switched off mid-stream: error with code, no retry storm, resumes when switched on', async () => {
    const { clock, fake, source, samples } = rig([{ id: H7, payloads: rhythmPayloads() }])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 5000)
    fake.setAdapterState('poweredOff')
    expect(source.status()).toMatchObject({
      state: 'error',
      problem: 'adapter-powered-off',
      nextRetryAtMs: null
    })
    const scans = fake.scanStarts
    await run(clock, 60_000)
    expect(fake.scanStarts).toBe(scans)
    fake.setAdapterState('poweredOn')
    await run(clock, 5000)
    expect(source.status()).toMatchObject({ state: 'streaming', problem: null })
    expect(of(samples, 'gap')).toHaveLength(1)
  })

  it('a loader failure (noble not installed / no D-Bus) becomes its problem code', async () => {
    const clock = new ManualClock()
    const source = new BleHeartRateSource({
      clock,
      noble: async () => {
        throw Object.assign(new Error('cannot load @stoprocent/noble'), { code: 'driver-missing' })
      }
    })
    const err = await source.connect().catch((e: unknown) => e)
    expect((err as BleProblemError).code).toBe('driver-missing')
    expect(source.status()).toMatchObject({ state: 'error', problem: 'driver-missing' })
  })
})

describe('BleHeartRateSource: battery, pause, dispose', () => {
  it('follows battery notifications when the strap offers them', async () => {
    const { clock, fake, source } = rig([{ id: H7, payloads: [], batteryPct: 80, batteryNotifies: true }])
    await settle(clock, source.connect(H7))
    fake.strap(H7).setBattery(41)
    expect(source.status().batteryPct).toBe(41)
  })

  it('a strap without battery service or sensor location still streams', async () => {
    const { clock, source } = rig([
      { id: H7, payloads: queue('063C'), batteryPct: null, bodySensorLocation: null }
    ])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 1500)
    expect(source.status()).toMatchObject({ state: 'streaming', batteryPct: null, contact: 'detected' })
    expect(source.sensorLocation).toBeNull()
  })

  it('stop() pauses samples with the link up; start() marks the pause as a gap', async () => {
    const { clock, source, samples } = rig([{ id: H7, payloads: () => Uint8Array.from([0x06, 61]) }])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 2500)
    await source.stop()
    const n = samples.length
    await run(clock, 3000)
    expect(samples.length).toBe(n)
    expect(source.status().state).toBe('connected')
    await source.start()
    expect(samples.at(-1)).toMatchObject({ type: 'gap', reason: 'paused' })
    await run(clock, 1000)
    expect(samples.length).toBeGreaterThan(n + 1)
  })

  it('dispose releases the link, timers and adapter listeners', async () => {
    const { clock, fake, source } = rig([{ id: H7, payloads: rhythmPayloads() }])
    await settle(clock, source.connect(H7))
    await source.start()
    await run(clock, 3000)
    await settle(clock, source.dispose())
    expect(fake.strap(H7).connected).toBe(false)
    expect(clock.pendingTimers()).toBe(0)
    expect(fake.listenerCount('stateChange')).toBe(0)
    expect(fake.listenerCount('discover')).toBe(0)
    await expect(source.connect()).rejects.toThrow(/disposed/)
  })

  it('dispose during a reconnect wait cancels the retry', async () => {
    const { clock, fake, source } = rig([{ id: H7, payloads: rhythmPayloads() }])
    await settle(clock, source.connect(H7))
    fake.strap(H7).dropLink()
    await settle(clock, source.dispose())
    const scans = fake.scanStarts
    await run(clock, 10_000)
    expect(fake.scanStarts).toBe(scans)
    expect(source.status().state).toBe('disconnected')
  })
})

describe('BleHeartRateSource with the fake on the real clock (as the e2e harness runs it)', () => {
  it('connects, streams, survives a drop-out and comes back', async () => {
    const fake = new FakeNoble({
      clock: systemClock,
      straps: [
        {
          id: H7,
          payloads: rhythmPayloads({ bpm: 70 }),
          notifyIntervalMs: 40,
          connectDelayMs: 5,
          advertiseDelayMs: 5
        }
      ]
    })
    const source = new BleHeartRateSource({
      noble: fake,
      clock: systemClock,
      simulated: true,
      reconnect: { firstDelayMs: 30 },
      scanTimeoutMs: 500
    })
    const states: string[] = []
    source.onStatus((s) => states.push(s.state))
    const samples: Sample[] = []
    source.onSample((s) => samples.push(s))
    await source.connect(H7)
    await source.start()
    await new Promise((r) => setTimeout(r, 200))
    fake.strap(H7).dropLink({ comeBackAfterMs: 50 })
    await new Promise((r) => setTimeout(r, 400))
    expect(source.status()).toMatchObject({ state: 'streaming', simulated: true })
    expect(states).toContain('reconnecting')
    expect(of(samples, 'gap')).toHaveLength(1)
    await source.dispose()
  })
})
