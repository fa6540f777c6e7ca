import { describe, expect, it } from 'vitest'
import { ManualClock } from '../clock'
import type { BalanceSample, Sample } from '../dataSource'
import { STANCES, type Stance } from '../../shared/drill'
import { decodeBalance, type DecodedBalance } from '../wbb/decoder'
import { parseInputReport } from '../wbb/protocol'
import { swayMetrics } from '../../signal/sway'
import { SimulatedBody } from './simulatedBody'
import { distributeLoad, SIM_BOARD_ID, SimulatedBoard, SimulatedBoardSource } from './simulatedBoard'

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
async function run(clock: ManualClock, ms: number, stepMs = 10): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    clock.advance(Math.min(stepMs, ms - t))
    await flush()
  }
}
async function settle<T>(clock: ManualClock, p: Promise<T>): Promise<T> {
  let done = false
  const tracked = p.finally(() => (done = true))
  tracked.catch(() => undefined)
  for (let t = 0; t < 30_000 && !done; t += 5) {
    clock.advance(5)
    await flush()
  }
  return tracked
}

/** Decode `seconds` of 0x34 reports from a simulated board through the real parser + decoder. */
function record(
  stance: Stance | null,
  seconds: number,
  seed = 3,
  lossRateFactor = 0
): (DecodedBalance & { copXMm: number; copYMm: number })[] {
  const body = new SimulatedBody({ seed, massKg: 70, stance, lossRateFactor })
  const board = new SimulatedBoard(body, { seed })
  const tare = board.idleKg
  const out = []
  for (let t = 0; t < seconds * 1000; t += 10) {
    const r = parseInputReport(board.reportAt(t))
    if (r.kind !== 'board') throw new Error('not a board report')
    const d = decodeBalance(r.raw, board.calibration, tare)
    // The simulated person stands on the board the whole time: every frame has a centre of pressure.
    if (d.copXMm === null || d.copYMm === null) throw new Error(`no CoP at ${t} ms with ${d.totalKg} kg`)
    out.push({ ...d, copXMm: d.copXMm, copYMm: d.copYMm })
  }
  return out
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const rms = (xs: number[]) => {
  const m = mean(xs)
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)))
}

describe('simulated body on a simulated board (through real 0x34 bytes and the real decoder)', () => {
  it('is reproducible for a seed and different across seeds', () => {
    const a = record('tandem', 5, 7).map((d) => d.copXMm)
    expect(record('tandem', 5, 7).map((d) => d.copXMm)).toEqual(a)
    expect(record('tandem', 5, 8).map((d) => d.copXMm)).not.toEqual(a)
  })

  it('weighs the body and sways a few mm on both feet, more on harder stances', () => {
    const sway: Record<string, { ml: number; ap: number; x: number; total: number }> = {}
    for (const stance of STANCES) {
      const d = record(stance, 60)
      sway[stance] = {
        ml: rms(d.map((s) => s.copXMm)),
        ap: rms(d.map((s) => s.copYMm)),
        x: mean(d.map((s) => s.copXMm)),
        total: mean(d.map((s) => s.totalKg))
      }
    }
    const eo = sway['both-feet-eyes-open']!
    expect(eo.total).toBeGreaterThan(69.5)
    expect(eo.total).toBeLessThan(70.5)
    expect(Math.hypot(eo.ml, eo.ap)).toBeGreaterThan(2)
    expect(Math.hypot(eo.ml, eo.ap)).toBeLessThan(8)
    expect(Math.abs(eo.x)).toBeLessThan(5)
    const resultant = (s: string) => Math.hypot(sway[s]!.ml, sway[s]!.ap)
    expect(resultant('both-feet-eyes-closed')).toBeGreaterThan(resultant('both-feet-eyes-open'))
    expect(sway.tandem!.ml).toBeGreaterThan(1.8 * eo.ml) // tandem sways side to side
    expect(resultant('single-leg-eyes-open')).toBeGreaterThan(resultant('both-feet-eyes-closed'))
    expect(resultant('single-leg-eyes-closed')).toBeGreaterThan(resultant('single-leg-eyes-open'))
    expect(sway['single-leg-eyes-open']!.x).toBeLessThan(-80) // over the left foot
  })

  it('sways at the mean velocity of real quiet standing (~10-15 mm/s), faster on one leg', () => {
    const velocity = (stance: Stance) => {
      const body = new SimulatedBody({ seed: 3, stance, lossRateFactor: 0 })
      const points = Array.from({ length: 6000 }, (_, i) => ({ tMs: i * 10, ...body.advance(10) }))
      return swayMetrics(points).meanVelocityMmS
    }
    const eyesOpen = velocity('both-feet-eyes-open')
    expect(eyesOpen).toBeGreaterThan(5)
    expect(eyesOpen).toBeLessThan(16)
    expect(velocity('single-leg-eyes-closed')).toBeGreaterThan(2 * eyesOpen)
  })

  it('sway has a slow and a fast part (not white noise): neighbouring samples are correlated', () => {
    const x = record('both-feet-eyes-closed', 60).map((d) => d.copXMm)
    const m = mean(x)
    const lag = (k: number) => mean(x.slice(k).map((v, i) => (v - m) * (x[i]! - m))) / rms(x) ** 2
    expect(lag(1)).toBeGreaterThan(0.8) // 10 ms
    expect(lag(100)).toBeGreaterThan(0.3) // 1 s: the slow drift
    expect(lag(100)).toBeLessThan(0.95)
  })

  it('loses balance (load drops, step-offs) more often on harder stances', () => {
    const count = (stance: Stance) => {
      const body = new SimulatedBody({ seed: 11, stance })
      body.advance(10 * 60_000)
      return body.events.filter((e) => e.cause === 'loss-of-balance' && e.kind !== 'step-on')
    }
    const easy = count('both-feet-eyes-open')
    const hard = count('single-leg-eyes-closed')
    expect(easy.length).toBeLessThan(4)
    expect(hard.length).toBeGreaterThan(20)
    expect(hard.length).toBeLessThan(60)
    expect(hard.some((e) => e.kind === 'step-off')).toBe(true)
    expect(hard.some((e) => e.kind === 'load-drop')).toBe(true)
  })

  it('a load drop shows as a sharp fall of the decoded total', () => {
    const body = new SimulatedBody({ seed: 5, stance: 'single-leg-eyes-closed', lossRateFactor: 5 })
    const board = new SimulatedBoard(body, { seed: 5 })
    const totals: number[] = []
    for (let t = 0; t < 120_000; t += 10) {
      const r = parseInputReport(board.reportAt(t))
      if (r.kind === 'board') totals.push(decodeBalance(r.raw, board.calibration, board.idleKg).totalKg)
    }
    const drop = body.events.find((e) => e.kind === 'load-drop')!
    const i = Math.round(drop.tMs / 10)
    expect(Math.min(...totals.slice(i, i + 30))).toBeLessThan(0.65 * 70)
    expect(mean(totals.slice(i - 60, i - 10))).toBeGreaterThan(68)
  })

  it('distributes a load so that the decoder finds the same CoP', () => {
    const q = distributeLoad(80, 37, -21)
    expect(q.reduce((a, b) => a + b, 0)).toBeCloseTo(80, 10)
    const d = decodeBalance(q, { kg0: [0, 0, 0, 0], kg17: [17, 17, 17, 17], kg34: [34, 34, 34, 34] })
    expect(d.copXMm).toBeCloseTo(37, 9)
    expect(d.copYMm).toBeCloseTo(-21, 9)
  })
})

describe('SimulatedBoardSource (the real driver over the emulated HID board)', () => {
  it('appears as "Simulated balance board", streams 100 Hz, tares with the person stepping off, reports steps', async () => {
    const clock = new ManualClock()
    const source = new SimulatedBoardSource({ clock, seed: 4, massKg: 62 })
    const samples: Sample[] = []
    const steps: string[] = []
    source.onSample((s) => samples.push(s))
    source.onStep((e) => steps.push(e.kind))
    expect(await settle(clock, source.discover())).toEqual([
      {
        id: SIM_BOARD_ID,
        kind: 'wbb',
        name: 'Simulated balance board',
        rssi: null,
        channels: ['balance'],
        simulated: true
      }
    ])
    await settle(clock, source.connect(SIM_BOARD_ID))
    await source.start()
    expect(source.status()).toMatchObject({
      state: 'streaming',
      simulated: true,
      device: { id: SIM_BOARD_ID }
    })
    await run(clock, 2000)
    const balance = () => samples.filter((s): s is BalanceSample => s.type === 'balance')
    expect(balance().length).toBe(200)
    // Untared, the board's idle offsets are in the total.
    expect(
      mean(
        balance()
          .slice(-50)
          .map((s) => s.totalKg)
      )
    ).toBeCloseTo(62 - 2, 0)

    const tare = await settle(clock, source.tare())
    tare.forEach((k, i) => expect(k).toBeCloseTo(source.board.idleKg[i]!, 1))
    await run(clock, 2000)
    // On at the start (the person was standing), off for the tare, back on.
    expect(steps).toEqual(['step-on', 'step-off', 'step-on'])
    expect(
      mean(
        balance()
          .slice(-100)
          .map((s) => s.totalKg)
      )
    ).toBeCloseTo(62, 0)

    source.setStance('single-leg-eyes-open')
    await run(clock, 3000)
    expect(
      mean(
        balance()
          .slice(-100)
          .map((s) => s.copXMm ?? NaN)
      )
    ).toBeLessThan(-70)
    source.setStance(null)
    await run(clock, 1000)
    expect(steps.at(-1)).toBe('step-off')
    expect(Math.abs(balance().at(-1)!.totalKg)).toBeLessThan(0.5)
    await source.dispose()
    expect(clock.pendingTimers()).toBe(0)
  })
})
