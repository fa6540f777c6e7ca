import { describe, expect, it } from 'vitest'
import { ManualClock } from '../clock'
import type { ButtonSample, GapSample, Sample, SourceStatus } from '../dataSource'
import { decodeBalance } from './decoder'
import { FakeHid, FAKE_CALIBRATION, staticLoad, type FakeBoardOptions } from './fakeHid'
import { loadNodeHid, WbbLoadError } from './loadNodeHid'
import { bytesToHex, parseInputReport, type Quad } from './protocol'
import { rawForKg } from './calibration'
import { TareError, WbbProblemError, WbbSource, type WbbSourceOptions } from './wbbSource'
import type { StepEvent } from './stepDetector'

const BOARD = '00:22:4c:aa:bb:01'
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function run(clock: ManualClock, ms: number, stepMs = 10): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(Math.min(stepMs, ms - t))
    await flush()
  }
}

async function settle<T>(clock: ManualClock, promise: Promise<T>, maxMs = 30_000): Promise<T> {
  let done = false
  const tracked = promise.finally(() => {
    done = true
  })
  tracked.catch(() => undefined)
  for (let t = 0; t < maxMs && !done; t += 2) {
    clock.advance(2)
    await flush()
  }
  if (!done) throw new Error(`still pending after ${maxMs} ms`)
  return tracked
}

interface Rig {
  clock: ManualClock
  fake: FakeHid
  source: WbbSource
  samples: Sample[]
  statuses: SourceStatus[]
  steps: StepEvent[]
}

function rig(boards: FakeBoardOptions[], options: Partial<WbbSourceOptions> = {}): Rig {
  const clock = new ManualClock()
  const fake = new FakeHid({ clock, boards })
  const source = new WbbSource({
    hid: fake,
    clock,
    reconnect: { firstDelayMs: 500, maxDelayMs: 4000 },
    ...options
  })
  const samples: Sample[] = []
  const statuses: SourceStatus[] = []
  const steps: StepEvent[] = []
  source.onSample((s) => samples.push(s))
  source.onStatus((s) => statuses.push(s))
  source.onStep((e) => steps.push(e))
  return { clock, fake, source, samples, statuses, steps }
}

const of = <T extends Sample['type']>(samples: Sample[], type: T) =>
  samples.filter((s): s is Extract<Sample, { type: T }> => s.type === type)

/** Sensors that count reports: TR carries the report number, so a lost or repeated one shows. */
const counting = (tMs: number, seq: number) => ({
  raw: [6000 + (seq % 2000), 8000, 7000, 6500] as Quad
})

/** Connect and start; returns how many data reports the board had sent before start(). */
async function connected(r: Rig, id?: string): Promise<number> {
  await settle(r.clock, r.source.connect(id))
  await r.source.start()
  return r.fake.board(BOARD).dataReports.length
}

describe('WbbSource: discovery', () => {
  it('lists boards by name or by extension id, never a Wii Remote', async () => {
    const r = rig([
      { serialNumber: BOARD },
      { serialNumber: '00:1f:32:00:00:02', type: 'remote' },
      { serialNumber: '00:22:4c:aa:bb:03', product: null },
      { serialNumber: '00:1f:32:00:00:04', type: 'remote', product: null }
    ])
    const devices = await settle(r.clock, r.source.discover())
    expect(devices).toEqual([
      {
        id: `wbb:${BOARD}`,
        kind: 'wbb',
        name: 'Wii Balance Board',
        rssi: null,
        channels: ['balance'],
        simulated: false
      },
      {
        id: 'wbb:00:22:4c:aa:bb:03',
        kind: 'wbb',
        name: 'Wii Balance Board',
        rssi: null,
        channels: ['balance'],
        simulated: false
      }
    ])
    // The named remote was never opened; the unnamed devices were probed and closed again.
    expect(r.fake.board('00:1f:32:00:00:02').outputs).toEqual([])
    expect(r.fake.board('00:1f:32:00:00:04').outputs.map((b) => bytesToHex(b))).toEqual(['15 00'])
    expect(r.fake.board('00:22:4c:aa:bb:03').outputs.map((b) => bytesToHex(b).slice(0, 14))).toEqual([
      '15 00',
      '16 04 A4 00 F0',
      '16 04 A4 00 FB',
      '17 04 A4 00 FA'
    ])
    expect(r.fake.board('00:22:4c:aa:bb:03').openHandles).toBe(0)
    expect(r.source.status().state).toBe('idle')
  })

  it('an unopenable hidraw node on Linux is permission-denied, with the udev hint', async () => {
    const r = rig([{ serialNumber: BOARD }], { platform: 'linux' })
    r.fake.open = async (path: string) => {
      throw new Error(`cannot open device with path ${path}`)
    }
    await expect(settle(r.clock, r.source.connect())).rejects.toMatchObject({ code: 'permission-denied' })
    expect(r.source.status()).toMatchObject({ state: 'error', problem: 'permission-denied' })
    expect(r.source.status().detail).toMatch(/udev rule/)
  })

  it('connect without a board: no-device-found', async () => {
    const r = rig([{ serialNumber: '00:1f:32:00:00:02', type: 'remote' }])
    await expect(settle(r.clock, r.source.connect())).rejects.toMatchObject({ code: 'no-device-found' })
    expect(r.source.status()).toMatchObject({ state: 'error', problem: 'no-device-found' })
  })
})

describe('WbbSource: initialisation like hid-wiimote', () => {
  it('sends the kernel sequence in order, reads calibration in 16 + 8, checks the CRC, streams 0x34', async () => {
    const r = rig([{ serialNumber: BOARD }])
    const board = r.fake.board(BOARD)
    await connected(r)
    expect(board.outputs.map((b) => bytesToHex(b))).toEqual([
      '15 00',
      '16 04 A4 00 F0 01 55' + ' 00'.repeat(15),
      '16 04 A4 00 FB 01 00' + ' 00'.repeat(15),
      '17 04 A4 00 FA 00 06',
      '17 04 A4 00 24 00 18',
      '17 04 A4 00 3C 00 04',
      '17 04 A4 00 20 00 02',
      '17 04 A4 00 60 00 02',
      '11 10',
      '12 04 34'
    ])
    expect(board.extensionInitialised && board.encryptionDisabled).toBe(true)
    expect(board.leds).toBe(0x10)
    expect(r.source.calibration).toEqual(FAKE_CALIBRATION)
    expect(r.source.calibrationCheck).toMatchObject({ result: 'ok' })
    expect(r.source.reportingMode).toBe(0x34)
    expect(r.source.status()).toMatchObject({
      state: 'streaming',
      problem: null,
      detail: null,
      batteryPct: 83
    })
  })

  it('assembles a multi-part 0x21 read by address and ignores replies to other reads', async () => {
    const r = rig([{ serialNumber: BOARD, replyDelayMs: 5 }])
    const board = r.fake.board(BOARD)
    const p = r.source.connect()
    // While the driver waits for its calibration chunks, the kernel's own read reply shows up.
    let injected = false
    for (let t = 0; t < 200 && !injected; t++) {
      r.clock.advance(1)
      await flush()
      if (board.outputs.some((o) => bytesToHex(o) === '17 04 A4 00 24 00 18')) {
        board.inject(
          parseHex(
            '21 00 00 F0 00 24 FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF'.replace('00 24', '00 30')
          )
        )
        injected = true
      }
    }
    await settle(r.clock, p)
    expect(injected).toBe(true)
    expect(r.source.calibration).toEqual(FAKE_CALIBRATION)
  })

  it('a read error nibble fails the connect with the address and code', async () => {
    const r = rig([{ serialNumber: BOARD }])
    // A device that says it is a board but has no extension registers (error 7 on 0xA4 reads).
    const board = r.fake.board(BOARD)
    Object.defineProperty(board, 'type', { value: 'remote' })
    await expect(settle(r.clock, r.source.connect())).rejects.toThrow(/read at 0xA400FA failed with error 7/)
  })

  it('falls back to 0x32 when the board does not do 0x34, and decodes it', async () => {
    const r = rig([{ serialNumber: BOARD, supportedModes: [0x30, 0x32], frames: counting }])
    await connected(r)
    const outs = r.fake.board(BOARD).outputs.map((b) => bytesToHex(b))
    expect(outs.slice(-2)).toEqual(['12 04 34', '12 04 32'])
    expect(r.source.reportingMode).toBe(0x32)
    await run(r.clock, 1000)
    expect(of(r.samples, 'balance').length).toBeGreaterThanOrEqual(99)
  })

  it('no usable mode: connect-failed', async () => {
    const r = rig([{ serialNumber: BOARD, supportedModes: [0x30] }])
    await expect(settle(r.clock, r.source.connect())).rejects.toMatchObject({ code: 'connect-failed' })
    expect(r.source.status().detail).toMatch(/no data in reporting mode 0x34 or 0x32/)
  })

  it('warns (but streams) when the calibration CRC-32 does not match; silent when absent', async () => {
    const bad = rig([{ serialNumber: BOARD, crc: 'corrupt' }])
    await connected(bad)
    expect(bad.source.calibrationCheck).toMatchObject({ result: 'mismatch' })
    expect(bad.source.status()).toMatchObject({ state: 'streaming', problem: null })
    expect(bad.source.status().detail).toMatch(
      /calibration CRC-32 mismatch \(stored [0-9A-F]{8}, computed [0-9A-F]{8}\)/
    )
    const none = rig([{ serialNumber: BOARD, crc: 'unreadable' }])
    await connected(none)
    expect(none.source.calibrationCheck).toMatchObject({ result: 'absent' })
    expect(none.source.status().detail).toBeNull()
  })
})

describe('WbbSource: streaming', () => {
  it('one sample per data report at 100 Hz: none dropped, none repeated, decoded with the calibration', async () => {
    const r = rig([{ serialNumber: BOARD, frames: counting }])
    await connected(r)
    const board = r.fake.board(BOARD)
    const before = board.dataReports.length
    await run(r.clock, 10_000)
    const sent = board.dataReports.slice(before)
    const balance = of(r.samples, 'balance')
    expect(sent).toHaveLength(1000)
    // The samples are exactly the reports since the first sample (the mode's first report included).
    const tail = balance.slice(-1000)
    tail.forEach((s, i) => {
      const report = parseInputReport(sent[i]!.bytes)
      if (report.kind !== 'board') throw new Error('not a board report')
      const d = decodeBalance(report.raw, FAKE_CALIBRATION)
      expect(s.kg).toEqual(d.kg)
      expect(s.totalKg).toBe(d.totalKg)
      expect([s.copXMm, s.copYMm]).toEqual([d.copXMm, d.copYMm])
      expect(s.tMs).toBe(sent[i]!.tMs)
    })
    // The counting sensor moves by one count per report: no gaps, no repeats.
    const trRaw = tail.map((s) => Math.round(rawForKg(s.kg[0], FAKE_CALIBRATION, 0)))
    for (let i = 1; i < trRaw.length; i++) expect(trRaw[i]! - trRaw[i - 1]!).toBe(1)
    for (let i = 1; i < tail.length; i++) expect(tail[i]!.tMs - tail[i - 1]!.tMs).toBe(10)
    expect(of(r.samples, 'gap')).toEqual([])
  })

  it('drops malformed reports whole, counts them and marks a gap', async () => {
    const r = rig([{ serialNumber: BOARD, frames: counting }])
    const n0 = await connected(r)
    await run(r.clock, 200)
    const board = r.fake.board(BOARD)
    board.inject(parseHex('34 00 00 17 70 1F 40')) // truncated
    board.inject(parseHex('A1 34 00 00')) // with the L2CAP header
    await run(r.clock, 100)
    expect(r.source.status().malformedCount).toBe(2)
    expect(r.source.status().detail).toMatch(/malformed report dropped: unknown input report 0xA1/)
    const gaps = of(r.samples, 'gap') as GapSample[]
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({ channel: 'balance', reason: 'malformed' })
    expect(of(r.samples, 'balance').length).toBe(board.dataReports.length - n0)
  })

  it('reports arriving in a burst get strictly increasing times (+1 ms), none merged', async () => {
    const r = rig([{ serialNumber: BOARD }])
    await connected(r)
    await run(r.clock, 100)
    const board = r.fake.board(BOARD)
    board.stall()
    const n = of(r.samples, 'balance').length
    r.clock.advance(500)
    for (let i = 0; i < 3; i++)
      board.inject(parseHex('34 00 00 17 70 1F 40 1B 58 19 64 17 00 99' + ' 00'.repeat(8)))
    const burst = of(r.samples, 'balance').slice(n)
    expect(burst.map((s) => s.tMs - r.clock.now())).toEqual([0, 1, 2])
  })

  it('raw capture gets every input report, the calibration replies included', async () => {
    const r = rig([{ serialNumber: BOARD }])
    const raw: string[] = []
    r.source.onRaw((_t, kind, bytes) => raw.push(`${kind} ${bytesToHex(bytes)}`))
    await connected(r)
    await run(r.clock, 100)
    const cal = raw.filter((l) => l.startsWith('wbb 21') && / 00 (24|34) /.test(l.slice(0, 22)))
    expect(cal.map((l) => l.slice(4, 21))).toEqual(['21 00 00 F0 00 24', '21 00 00 70 00 34'])
    expect(raw.filter((l) => l.startsWith('wbb 34')).length).toBeGreaterThanOrEqual(10)
  })

  it('front button presses become button samples', async () => {
    const r = rig([{ serialNumber: BOARD }])
    await connected(r)
    r.fake.board(BOARD).pressFront(true)
    await run(r.clock, 50)
    r.fake.board(BOARD).pressFront(false)
    await run(r.clock, 50)
    expect(of(r.samples, 'button').map((b: ButtonSample) => [b.button, b.pressed])).toEqual([
      ['front', true],
      ['front', false]
    ])
  })

  it('re-asserts its mode after a status report and when hid-wiimote resets it', async () => {
    const r = rig([{ serialNumber: BOARD, frames: counting }])
    const sentBeforeStart = await connected(r)
    const board = r.fake.board(BOARD)
    await run(r.clock, 500)
    const n0 = of(r.samples, 'balance').length
    board.kernelPollsBattery() // 0x20 reaches us, then the kernel sends 12 00 30
    await run(r.clock, 1000)
    expect(board.outputs.at(-1)).toEqual(Uint8Array.from([0x12, 0x04, 0x34]))
    expect(board.mode).toBe(0x34)
    board.kernelSetsMode(0x30)
    await run(r.clock, 2000)
    expect(r.source.modeReasserts).toBeGreaterThanOrEqual(1)
    expect(board.mode).toBe(0x34)
    expect(r.source.status().state).toBe('streaming')
    // Each reset silenced the board for at most modeReassertMs + one tick; everything sent arrived.
    expect(of(r.samples, 'balance').length - n0).toBeGreaterThan(300 - 2 * 35)
    expect(of(r.samples, 'balance').length).toBe(board.dataReports.length - sentBeforeStart)
  })

  it('polls the battery with status requests', async () => {
    const r = rig([{ serialNumber: BOARD, batteryRaw: 0x80 }], { batteryPollMs: 5000 })
    await connected(r)
    r.fake.board(BOARD).batteryRaw = 0x40
    await run(r.clock, 6000)
    expect(r.source.status().batteryPct).toBe(25)
    expect(r.source.status().state).toBe('streaming')
  })
})

describe('WbbSource: drop-out and reconnect', () => {
  it('a read error means reconnecting with backoff; it re-enumerates, re-initialises and marks the gap', async () => {
    const r = rig([{ serialNumber: BOARD, frames: counting }])
    const n0 = await connected(r)
    const board = r.fake.board(BOARD)
    const firstPath = board.path
    await run(r.clock, 1000)
    const lastBefore = of(r.samples, 'balance').at(-1)!
    board.dropLink({ comeBackAfterMs: 2200 })
    await flush()
    expect(r.source.status()).toMatchObject({
      state: 'reconnecting',
      problem: 'link-lost',
      reconnectAttempt: 1
    })
    expect(r.source.status().detail).toMatch(/HID read error/)
    await run(r.clock, 6000)
    expect(board.path).not.toBe(firstPath)
    expect(r.source.status()).toMatchObject({ state: 'streaming', problem: null, reconnectAttempt: 0 })
    const gaps = of(r.samples, 'gap')
    expect(gaps).toHaveLength(1)
    expect(gaps[0]).toMatchObject({ reason: 'link-lost', fromMs: lastBefore.tMs })
    const after = of(r.samples, 'balance').filter((s) => s.tMs > lastBefore.tMs)
    expect(gaps[0]!.toMs).toBe(after[0]!.tMs)
    const states = r.statuses.map((s) => s.state)
    expect(states.indexOf('reconnecting')).toBeLessThan(states.lastIndexOf('streaming'))
    // Each try after the first failed enumeration waited longer (500, 1000, 2000 ms).
    const retries = r.statuses.filter((s) => s.nextRetryAtMs !== null).map((s) => s.nextRetryAtMs! - s.tMs)
    expect(retries.slice(0, 3)).toEqual([500, 1000, 2000])
    // The first report after reconnecting is consumed by the mode check... and still emitted.
    expect(of(r.samples, 'balance').length).toBe(board.dataReports.length - n0)
  })

  it('silence past the watchdog is a lost link too; it comes back by itself', async () => {
    const r = rig([{ serialNumber: BOARD }], { watchdogMs: 2000 })
    await connected(r)
    r.fake.board(BOARD).stall()
    await run(r.clock, 2500)
    expect(r.statuses.some((s) => s.state === 'reconnecting' && /no data report/.test(s.detail ?? ''))).toBe(
      true
    )
    r.fake.board(BOARD).resume()
    await run(r.clock, 3000)
    expect(r.source.status().state).toBe('streaming')
  })

  it('gives up after maxAttempts', async () => {
    const r = rig([{ serialNumber: BOARD }], {
      reconnect: { firstDelayMs: 100, maxDelayMs: 100, maxAttempts: 3 }
    })
    await connected(r)
    r.fake.board(BOARD).dropLink()
    await run(r.clock, 2000)
    expect(r.source.status()).toMatchObject({ state: 'disconnected', problem: 'gave-up' })
  })

  it('dispose closes the device and leaves no timers', async () => {
    const r = rig([{ serialNumber: BOARD }])
    await connected(r)
    await r.source.dispose()
    expect(r.fake.board(BOARD).openHandles).toBe(0)
    expect(r.clock.pendingTimers()).toBe(0)
  })
})

describe('WbbSource: tare and step detection', () => {
  it('tares an empty board to zero, then reads a known load; refuses to tare a loaded board', async () => {
    const r = rig([{ serialNumber: BOARD }])
    await connected(r)
    await run(r.clock, 100)
    const raw = of(r.samples, 'balance').at(-1)!
    expect(raw.totalKg).toBeLessThan(-1) // the emulated board idles about 1.9 kg below zero
    const tare = await settle(r.clock, r.source.tare())
    expect(tare.reduce((a, b) => a + b, 0)).toBeCloseTo(-1.9, 1)
    await run(r.clock, 500)
    const empty = of(r.samples, 'balance').at(-1)!
    expect(Math.abs(empty.totalKg)).toBeLessThan(0.1)
    const idle: Quad = [-1.1, 0.5, -0.9, -0.4]
    r.fake
      .board(BOARD)
      .setFrames(staticLoad(FAKE_CALIBRATION, idle.map((k, i) => k + [30, 20, 15, 5][i]!) as Quad))
    await run(r.clock, 500)
    const loaded = of(r.samples, 'balance').at(-1)!
    expect(loaded.totalKg).toBeCloseTo(70, 0)
    expect(loaded.copXMm).toBeCloseTo((216.5 * (50 - 20)) / 70, -1)
    expect(loaded.copYMm).toBeCloseTo((119 * (45 - 25)) / 70, -1)
    await expect(settle(r.clock, r.source.tare())).rejects.toBeInstanceOf(TareError)
  })

  it('emits step-on and step-off', async () => {
    const r = rig([{ serialNumber: BOARD }])
    await connected(r)
    await settle(r.clock, r.source.tare())
    const board = r.fake.board(BOARD)
    board.setFrames(staticLoad(FAKE_CALIBRATION, [17, 17, 17, 17]))
    const onAt = r.clock.now()
    await run(r.clock, 1000)
    board.setFrames(staticLoad(FAKE_CALIBRATION, [-1.1, 0.5, -0.9, -0.4]))
    const offAt = r.clock.now()
    await run(r.clock, 1000)
    expect(r.steps.map((e) => e.kind)).toEqual(['step-on', 'step-off'])
    expect(r.steps[0]!.tMs - onAt).toBeLessThanOrEqual(20)
    expect(r.steps[1]!.tMs - offAt).toBeLessThanOrEqual(20)
  })
})

describe('node-hid loading', () => {
  it('a missing module or native binding is a driver-missing problem, not a crash', async () => {
    await expect(
      loadNodeHid(() => Promise.reject(new Error("Cannot find module 'node-hid'")))
    ).rejects.toMatchObject({
      name: 'WbbLoadError',
      code: 'driver-missing',
      message: expect.stringMatching(/cannot load node-hid: Cannot find module/)
    })
    const noBinding = {
      devicesAsync: async () => [],
      HIDAsync: { open: async () => ({}) },
      setDriverType: () => undefined,
      getHidapiVersion: () => {
        throw new Error('No native build was found for platform=linux')
      }
    }
    await expect(loadNodeHid(async () => noBinding, 'linux')).rejects.toThrow(
      /native binding is missing.*No native build/
    )
    await expect(loadNodeHid(async () => ({ default: {} }))).rejects.toBeInstanceOf(WbbLoadError)
  })

  it('picks the hidraw backend on Linux and wraps the module', async () => {
    const calls: string[] = []
    const mod = {
      devicesAsync: async (v: number, p: number) => {
        calls.push(`devices ${v.toString(16)}:${p.toString(16)}`)
        return []
      },
      HIDAsync: { open: async () => ({}) },
      setDriverType: (t: string) => calls.push(`driver ${t}`),
      getHidapiVersion: () => '0.14.0'
    }
    const { hid, hidapiVersion } = await loadNodeHid(async () => ({ default: mod }), 'linux')
    await hid.devicesAsync(0x057e, 0x0306)
    expect(hidapiVersion).toBe('0.14.0')
    expect(calls).toEqual(['driver hidraw', 'devices 57e:306'])
  })

  it('the real node-hid either loads (with its prebuilt binding) or fails with driver-missing', async () => {
    const result = await loadNodeHid().then(
      (r) => r,
      (e: unknown) => e
    )
    if (result instanceof WbbLoadError) {
      expect(result.code).toBe('driver-missing')
    } else {
      const loaded = result as Awaited<ReturnType<typeof loadNodeHid>>
      expect(typeof loaded.hid.devicesAsync).toBe('function')
      expect(loaded.hidapiVersion).toMatch(/^\d+\.\d+/)
    }
  })

  it('the source reports the loader problem in its status', async () => {
    const clock = new ManualClock()
    const source = new WbbSource({
      clock,
      hid: () => Promise.reject(new WbbLoadError('driver-missing', 'no prebuild'))
    })
    await expect(source.connect()).rejects.toBeInstanceOf(WbbProblemError)
    expect(source.status()).toMatchObject({
      state: 'error',
      problem: 'driver-missing',
      detail: 'no prebuild'
    })
  })
})

function parseHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.split(/\s+/).map((h) => parseInt(h, 16)))
}
