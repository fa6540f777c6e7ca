import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../../devices/clock'
import type { BalanceSample, DataSource, DeviceInfo, Sample, SourceStatus } from '../../devices/dataSource'
import { Listeners } from '../../devices/emitter'
import type { Stance } from '../../shared/contract'
import type { JsonValue } from '../../shared/validate'
import { coreRig, disposeCoreRigs, rigTempDir } from '../testSupport/coreRig'
import { StateDocs } from '../session/stateDocs'
import { DRILL_DOC } from '../session/drillLadder'
import { emptyProgress, toJson } from '../../shared/drillProgression'
import { TOP_LEVEL } from '../../shared/drillLevels'
import { NO_SESSION, type SessionSink } from './featureContext'
import { swayMetrics, type CopPoint } from '../../signal/sway'
import { sessionEngineFeature } from '../session/sessionEngine'
import { SIM_BOARD_ID, SimulatedBoardSource } from '../../devices/sim/simulatedBoard'
import type { DrillTrialResult } from '../../shared/contract'

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0)

/** A balance board driven by the test: samples go out exactly when the test pushes them. */
class FakeBoard implements DataSource {
  readonly samples = new Listeners<Sample>()
  readonly statuses = new Listeners<SourceStatus>()
  state: SourceStatus['state'] = 'idle'
  stances: (Stance | null)[] = []
  /** Every sample pushed, to compute the expected sway independently. */
  pushed: CopPoint[] = []
  constructor(
    readonly id: string,
    private readonly simulated: boolean,
    private readonly clock: ManualClock
  ) {}
  readonly kind = 'wbb' as const
  get device(): DeviceInfo {
    return {
      id: `${this.id}-dev`,
      kind: this.kind,
      name: this.id,
      rssi: null,
      channels: ['balance'],
      simulated: this.simulated
    }
  }
  discover = async (): Promise<DeviceInfo[]> => [this.device]
  connect = async (): Promise<void> => {
    this.state = 'connected'
  }
  start = async (): Promise<void> => {
    this.state = 'streaming'
  }
  stop = async (): Promise<void> => {
    this.state = 'connected'
  }
  dispose = async (): Promise<void> => {
    this.state = 'disconnected'
  }
  status(): SourceStatus {
    return {
      sourceId: this.id,
      kind: this.kind,
      state: this.state,
      device: this.device,
      problem: null,
      detail: null,
      batteryPct: null,
      contact: null,
      malformedCount: 0,
      reconnectAttempt: 0,
      nextRetryAtMs: null,
      simulated: this.simulated,
      tMs: this.clock.now()
    }
  }
  onSample(listener: (s: Sample) => void): () => void {
    return this.samples.add(listener)
  }
  onStatus(listener: (s: SourceStatus) => void): () => void {
    return this.statuses.add(listener)
  }
  /** Like SimulatedBoardSource; the feature must call it only when the board is simulated. */
  setStance(stance: Stance | null): void {
    this.stances.push(stance)
  }
  push(copXMm: number, copYMm: number, totalKg = 70): void {
    const q = totalKg / 4
    const sample: BalanceSample = {
      type: 'balance',
      tMs: this.clock.now(),
      kg: [q, q, q, q],
      totalKg,
      copXMm,
      copYMm
    }
    this.pushed.push({ tMs: sample.tMs, copXMm, copYMm, totalKg })
    this.samples.emit(sample)
  }
}

interface Recorded {
  tMs: number
  type: string
  detail: JsonValue
}

afterEach(disposeCoreRigs)

function build(opts: { board?: 'wbb' | 'simulator' | null } = {}) {
  const clock = new ManualClock(T0)
  const recorded: Recorded[] = []
  const sink: SessionSink = {
    ...NO_SESSION,
    isOpen: () => true,
    event: (tMs, type, detail) => recorded.push({ tMs, type, detail })
  }
  const board = opts.board ? new FakeBoard('board-1', opts.board === 'simulator', clock) : null
  const other = new FakeBoard('board-2', false, clock)
  const { core, h, emitted } = coreRig({
    prefix: 'limbic-drill-',
    clock,
    providers: [
      ...(board ? [{ name: 'board', create: async () => board }] : []),
      { name: 'other', create: async () => other }
    ],
    features: [() => ({ handlers: {}, sessionSink: sink }), sessionEngineFeature]
  })
  return { core, h, clock, board, other, emitted, recorded }
}

/** Push `n` samples 10 ms apart on a small circle of radius `r` around (x, y). */
function sway(b: FakeBoard, clock: ManualClock, n: number, x = 0, y = 0, r = 2): void {
  for (let i = 0; i < n; i++) {
    const a = (i / 20) * 2 * Math.PI
    b.push(x + r * Math.cos(a), y + r * Math.sin(a))
    clock.advance(10)
  }
}

/** Hold one CoP/load for `n` samples 10 ms apart. */
function hold(b: FakeBoard, clock: ManualClock, n: number, x: number, y: number, totalKg = 70): void {
  for (let i = 0; i < n; i++) {
    b.push(x, y, totalKg)
    clock.advance(10)
  }
}

describe('drill feature', () => {
  it('without a board: times the trial, counts the self-reported errors, no sway, events recorded', async () => {
    const { h, clock, recorded } = build({ board: null })
    const started = await h['drill:trial-start']()
    // Main's ladder chooses the trial: a new person starts at level 1.
    expect(started).toMatchObject({
      hasBoard: false,
      level: 0,
      stance: 'both-feet-eyes-open',
      targetRadiusMm: 15
    })
    expect(started.id).toMatch(/^[A-Za-z0-9_.-]{1,80}$/)
    for (const s of [5, 10, 15]) {
      clock.advance(5_000)
      expect(await h['drill:self-error']({ id: started.id })).toEqual({ errors: s / 5 })
    }
    clock.advance(15_000)
    const result = await h['drill:trial-end']({ id: started.id })
    expect(result).toEqual({
      id: started.id,
      stance: 'both-feet-eyes-open',
      durationS: 30,
      pathLengthMm: null,
      meanVelocityMmS: null,
      rmsDistanceMm: null,
      ellipseAreaMm2: null,
      boardErrors: 0,
      selfReportedErrors: 3,
      errors: 3,
      hadBoard: false,
      // The ladder (main's): level 1 allows one error, so the same level again.
      progression: expect.objectContaining({ passed: false, step: 'repeat', from: 0, to: 0 })
    })
    expect(recorded.map((r) => [r.type, (r.detail as { phase?: string }).phase ?? null])).toEqual([
      ['drill-trial', 'start'],
      ['drill-error', null],
      ['drill-error', null],
      ['drill-error', null],
      ['drill-trial', 'end'],
      ['drill-trial', 'result']
    ])
    expect(recorded[0]).toMatchObject({
      tMs: T0,
      detail: { stance: 'both-feet-eyes-open', level: 1, targetRadiusMm: 15, hasBoard: false }
    })
    // Main records the person's own reports with the trial's time and level.
    expect(recorded[2]).toMatchObject({
      tMs: T0 + 10_000,
      detail: { trialId: started.id, source: 'self', level: 1, tS: 10, errorsSoFar: 2 }
    })
    expect(recorded[4]).toMatchObject({ tMs: T0 + 30_000, detail: { errors: 3, selfReportedErrors: 3 } })
    expect(() => h['drill:self-error']({ id: started.id })).toThrow(/no open drill trial/)
  })

  it('with a board: collects its samples for the trial only, counts losses of balance, emits and records each', async () => {
    const { h, clock, board, emitted, recorded } = build({ board: 'wbb' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    sway(board!, clock, 50, 80, 80, 40) // before the trial: ignored
    const started = await h['drill:trial-start']()
    expect(started.hasBoard).toBe(true)
    const from = board!.pushed.length
    // 1.1 s of quiet standing: the detector learns the weight (0.5 s), then the zone (0.5 s).
    sway(board!, clock, 110)
    hold(board!, clock, 15, 45, 0) // the CoP leaves the 30 mm zone for 150 ms
    sway(board!, clock, 150) // back inside
    hold(board!, clock, 15, 0, 0, 5) // steps off the board for 150 ms
    sway(board!, clock, 150) // back on
    hold(board!, clock, 30, 0, 0, 40) // a foot touches the floor: 30 kg less for 300 ms
    sway(board!, clock, 50)
    const trialPoints = board!.pushed.slice(from)
    // With a board the board counts: the person's tap does not count the same fall again.
    expect(await h['drill:self-error']({ id: started.id })).toEqual({ errors: 3 })
    const result = await h['drill:trial-end']({ id: started.id })
    sway(board!, clock, 50, 100, 100) // after the trial: ignored

    const t1 = T0 + 500 + 1100
    const losses = emitted.filter((e) => e.event === 'balance:event').map((e) => e.payload)
    expect(losses).toEqual([
      { tMs: t1, kind: 'cop-out', trialId: started.id },
      { tMs: t1 + 150 + 1500, kind: 'step-off', trialId: started.id },
      // Onset: the last sample before the load fell.
      { tMs: t1 + 150 + 1500 + 150 + 1500 - 10, kind: 'load-drop', trialId: started.id }
    ])
    expect(result.hadBoard).toBe(true)
    expect(result.boardErrors).toBe(3)
    expect(result.selfReportedErrors).toBe(0)
    expect(result.errors).toBe(3)
    expect(result.durationS).toBe(5.2)
    // The sway figures are the signal module's over exactly this trial's samples of this board.
    const expected = swayMetrics(trialPoints)
    expect(expected.samples).toBe(trialPoints.length - 15)
    expect(result.pathLengthMm).toBeCloseTo(expected.pathLengthMm, 1)
    expect(result.meanVelocityMmS).toBeCloseTo(expected.meanVelocityMmS, 2)
    expect(result.rmsDistanceMm).toBeCloseTo(expected.rmsDistanceMm, 2)
    expect(result.ellipseAreaMm2).toBeCloseTo(expected.ellipseAreaMm2, 1)
    expect(result.pathLengthMm).toBeGreaterThan(90) // the two 45 mm excursions at least
    expect(result.ellipseAreaMm2).toBeGreaterThan(0)

    const errors = recorded.filter((r) => r.type === 'drill-error')
    expect(errors.map((r) => r.detail)).toEqual([
      expect.objectContaining({ trialId: started.id, source: 'board', kind: 'cop-out', errorsSoFar: 1 }),
      expect.objectContaining({ trialId: started.id, source: 'board', kind: 'step-off', errorsSoFar: 2 }),
      expect.objectContaining({ trialId: started.id, source: 'board', kind: 'load-drop', errorsSoFar: 3 })
    ])
    expect(errors[0]!.tMs).toBe(t1)
    expect(errors[0]!.detail).toMatchObject({ tS: 1.1, stance: 'both-feet-eyes-open' })
    const end = recorded.find(
      (r) => r.type === 'drill-trial' && (r.detail as { phase: string }).phase === 'end'
    )
    expect(end!.detail).toMatchObject({
      boardErrors: 3,
      errors: 3,
      samples: expected.samples,
      hadBoard: true
    })
  })

  it('losses within a second of each other are one fall: counted, emitted and recorded once', async () => {
    const { h, clock, board, emitted, recorded } = build({ board: 'wbb' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    const t = await h['drill:trial-start']()
    sway(board!, clock, 110)
    hold(board!, clock, 30, 0, 0, 40) // a foot touches down...
    hold(board!, clock, 30, 0, 0, 5) // ...then the person steps off
    hold(board!, clock, 20, 60, 0) // and lands back outside the zone
    sway(board!, clock, 150) // settles: a new fall may be counted from here
    hold(board!, clock, 15, 40, 0)
    sway(board!, clock, 20)
    const result = await h['drill:trial-end']({ id: t.id })
    expect(
      emitted.filter((e) => e.event === 'balance:event').map((e) => (e.payload as { kind: string }).kind)
    ).toEqual(['load-drop', 'cop-out'])
    expect(result.boardErrors).toBe(2)
    expect(recorded.filter((r) => r.type === 'drill-error')).toHaveLength(2)
    const end = recorded.find(
      (r) => r.type === 'drill-trial' && (r.detail as { phase: string }).phase === 'end'
    )
    expect(end!.detail).toMatchObject({ boardErrors: 2, mergedLosses: 2 })
  })

  it('with the simulated board: the body takes the level stance at the countdown and steps off after', async () => {
    const { h, board } = build({ board: 'simulator' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    await h['drill:prepare']({ ready: true })
    const a = await h['drill:trial-start']()
    await h['drill:trial-end']({ id: a.id })
    // Passed (no error): the ladder moves up, and the next countdown takes the next stance.
    await h['drill:prepare']({ ready: true })
    await h['drill:prepare']({ ready: false })
    expect(board!.stances).toEqual([
      'both-feet-eyes-open',
      'both-feet-eyes-open',
      null,
      'both-feet-eyes-closed',
      null
    ])
  })

  it('a real board is never told a stance, and too few samples give no sway figures', async () => {
    const { h, clock, board } = build({ board: 'wbb' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    await h['drill:prepare']({ ready: true })
    const t = await h['drill:trial-start']()
    sway(board!, clock, 5)
    const result = await h['drill:trial-end']({ id: t.id })
    expect(board!.stances).toEqual([])
    expect(result).toMatchObject({ hadBoard: true, pathLengthMm: null, ellipseAreaMm2: null, errors: 0 })
  })

  it('one trial at a time: a new start drops the open one; unknown or closed ids are refused', async () => {
    const { h, clock, board, emitted } = build({ board: 'wbb' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    const first = await h['drill:trial-start']()
    const second = await h['drill:trial-start']()
    expect(second.id).not.toBe(first.id)
    expect(() => h['drill:trial-end']({ id: first.id })).toThrow(/no open drill trial/)
    sway(board!, clock, 110)
    hold(board!, clock, 15, 100, 0)
    // The dropped trial no longer listens: one detector, one loss.
    expect(emitted.filter((e) => e.event === 'balance:event')).toHaveLength(1)
    await h['drill:trial-end']({ id: second.id })
    expect(() => h['drill:trial-end']({ id: second.id })).toThrow(/no open drill trial/)
  })

  it('a board connected in the middle of a trial does not feed it', async () => {
    const { h, clock, board, other, emitted } = build({ board: 'wbb' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    const t = await h['drill:trial-start']()
    sway(board!, clock, 110)
    await h['devices:connect']({ deviceId: 'board-2-dev' })
    sway(other, clock, 110, 200, 0)
    hold(other, clock, 15, 0, 0, 5)
    const result = await h['drill:trial-end']({ id: t.id })
    expect(emitted.filter((e) => e.event === 'balance:event')).toEqual([])
    expect(result.boardErrors).toBe(0)
    expect(result.rmsDistanceMm).toBeLessThan(3) // only board 1's small circle
  })

  it('a board that is connected but not streaming counts as no board', async () => {
    const { h, board } = build({ board: 'wbb' })
    await h['devices:connect']({ deviceId: 'board-1-dev' })
    await board!.stop()
    expect((await h['drill:trial-start']()).hasBoard).toBe(false)
  })
})

describe('drill feature with the simulated board (real WBB driver over the simulated body)', () => {
  it('the body takes each stance; a harder level sways more and every fall the body makes is counted', async () => {
    /** One app at a ladder level (the level last passed, as drill.json keeps it), one trial. */
    async function trial(lastPassed: number | null): Promise<DrillTrialResult & { falls: number }> {
      const userDataDir = rigTempDir('limbic-drill-sim-')
      new StateDocs(userDataDir).save(DRILL_DOC, toJson({ ...emptyProgress(), lastPassed }))
      const clock = new ManualClock(T0)
      const ownBoard = new SimulatedBoardSource({ clock, seed: 21, massKg: 68 })
      const { core, h, emitted, run, settle } = coreRig({
        userDataDir,
        clock,
        providers: [{ name: 'sim-board', create: async () => ownBoard }],
        simulator: { seed: 21 },
        features: [sessionEngineFeature]
      })
      await settle(Promise.resolve(h['devices:connect']({ deviceId: SIM_BOARD_ID })))
      // The app core may bring its own simulated board under the same id: use whichever is active.
      const sim = core.devices.activeSource('balance') as SimulatedBoardSource
      expect(sim).toBeInstanceOf(SimulatedBoardSource)
      expect(sim.status().state).toBe('streaming')
      const losses = () => sim.body.events.filter((e) => e.cause === 'loss-of-balance')
      // As the screen does: the countdown (3 s) before the trial, the person takes the stance.
      await h['drill:begin']()
      await h['drill:prepare']({ ready: true })
      await run(3000)
      const before = losses().length
      const started = await h['drill:trial-start']()
      expect(started.hasBoard).toBe(true)
      expect(started.level).toBe(lastPassed ?? 0)
      expect(sim.body.stance).toBe(started.stance)
      await run(30_000)
      // Falls early enough to be confirmed before the end (hold times are 100-150 ms).
      const falls = losses()
        .slice(before)
        .filter((e) => e.tMs < sim.body.elapsedMs - 300).length
      const result = await h['drill:trial-end']({ id: started.id })
      expect(sim.body.stance).toBe(null)
      expect(emitted.filter((e) => e.event === 'balance:event')).toHaveLength(result.boardErrors)
      return { ...result, falls }
    }

    const easy = await trial(null)
    const hard = await trial(TOP_LEVEL)
    expect(easy.stance).toBe('both-feet-eyes-open')
    expect(hard.stance).toBe('single-leg-eyes-closed')
    for (const r of [easy, hard]) {
      expect(r.hadBoard).toBe(true)
      expect(r.durationS).toBe(30)
      expect(r.boardErrors).toBeGreaterThanOrEqual(r.falls)
    }
    expect(easy.boardErrors).toBe(0)
    expect(easy.rmsDistanceMm!).toBeGreaterThan(1)
    expect(easy.rmsDistanceMm!).toBeLessThan(10)
    expect(hard.pathLengthMm!).toBeGreaterThan(2 * easy.pathLengthMm!)
    expect(hard.ellipseAreaMm2!).toBeGreaterThan(4 * easy.ellipseAreaMm2!)
    expect(hard.boardErrors).toBeGreaterThan(0)
  }, 30_000)
})
