/**
 * The resonance assessment and the resonance protocol's numbers on the main side (issue 17).
 *
 * Assessment: `resonance:start` runs the guided test (core/session/resonanceSteps.ts) with the
 * step and rest lengths from Settings (`resonance.stepS`, `resonance.restS`). Main times it: a
 * clock timer fires at each step's or rest's planned end, and the screen draws the snapshot pushed
 * on `resonance:state` (the pacer from the step's start time, the rest countdown). The raw beats
 * (and the breaks in them) that arrive meanwhile are kept; each step is analysed when it ends
 * (signal/resonance.ts), a flagged step runs once more, and the rate is chosen at the end.
 * `resonance:skip-rest` starts the next step early; `resonance:cancel` stops, keeping every step
 * that ran to its end. On the simulator, the simulated person breathes with each step's pacer.
 *
 * Recorded: the assessment runs inside a session (the open one, or one opened for it and ended
 * with it): `resonance` events (start, each step's start and criteria, rests, the result or the
 * cancel) and resonance.csv (pacer phases, per-step criteria, the result). Saved: every finished
 * or cancelled assessment with at least one step is added to `<userData>/resonance.json`
 * (session/resonanceStore.ts); the latest finished one's rate is the person's rate, which the
 * resonance protocol paces at.
 *
 * Coherence: `resonance:coherence` answers the coherence (signal/resonance.ts `coherence`) of the
 * last 64 s of artefact-corrected beats at the person's rate (6/min before any test). The coherence
 * panel asks every 2 s during resonance breathing; the open session records a `resonance` event
 * (phase `coherence`) at most every {@link COHERENCE_RECORD_MS}, so the practice's coherence is
 * in events.csv too.
 */
import type { BreathPattern } from '../../shared/breathing'
import { pacedBreathPattern } from '../../shared/breathing'
import {
  DEFAULT_RESONANCE_BPM,
  type CoherenceReading,
  type ResonanceRecord,
  type ResonanceSnapshot
} from '../../shared/resonance'
import {
  COHERENCE_WINDOW_MS,
  RESONANCE_RATES_BPM,
  analyzeResonanceStep,
  coherence,
  type ContactGap
} from '../../signal/resonance'
import { loadResonance, personRateBpm, saveResonance } from '../../session/resonanceStore'
import {
  cancelRow,
  pacerRows,
  restRow,
  resultRow,
  stepRow,
  type ResonanceRow
} from '../../session/resonanceTable'
import type { DataSource } from '../../devices/dataSource'
import {
  advance,
  cancelAssessment,
  nextDeadline,
  skipRest,
  startAssessment,
  type AssessmentState,
  type Transition
} from '../session/resonanceSteps'
import { assertIdle, type FeatureFactory } from './featureContext'

/** A source that simulates a person who can be told to breathe with a pacer. */
interface PacerFollower {
  followPattern(pattern: BreathPattern | null): void
}

function pacerFollower(source: DataSource | null): PacerFollower | null {
  const candidate = source as (DataSource & Partial<PacerFollower>) | null
  return candidate && candidate.status().simulated && typeof candidate.followPattern === 'function'
    ? (candidate as PacerFollower)
    : null
}

const isoUtc = (ms: number): string => new Date(ms).toISOString()

/** The shortest time between two recorded coherence readings, ms. */
export const COHERENCE_RECORD_MS = 10_000

export const resonanceFeature: FeatureFactory = (ctx) => {
  const folder = ctx.userDataDir
  const now = (): number => ctx.clock.now()
  let records: ResonanceRecord[] = []
  let loaded: Promise<void> | null = null
  /** False when resonance.json could not be opened at all: never write over it. */
  let writable = true
  let problem: string | null = null
  let saving: Promise<unknown> = Promise.resolve()

  let state: AssessmentState | null = null
  let lastRecord: ResonanceRecord | null = null
  let rev = 0
  let timer: unknown = null
  let openedSession = false
  let sessionId: string | null = null
  let counter = 0
  /** Raw beats since the assessment began, and the spans the stream broke off. */
  let beatT: number[] = []
  let beatRr: number[] = []
  let gaps: ContactGap[] = []
  let brokeAtMs: number | null = null
  /** Artefact-corrected beats of the last coherence window (for the resonance protocol). */
  const recentT: number[] = []
  const recentRr: number[] = []
  let lastCoherenceRecordMs = -Infinity

  function load(): Promise<void> {
    loaded ??= (async () => {
      try {
        const r = await loadResonance(folder, now())
        records = r.records
        if (r.setAside) {
          const { backupPath, reason } = r.setAside
          problem = `resonance.json: ${reason}; kept at ${backupPath}`
          console.warn(problem)
          ctx.notice({ id: `resonance-reset-${now()}`, kind: 'resonance-reset', backupPath, reason })
        }
      } catch (err) {
        writable = false
        problem = `resonance.json could not be opened (${(err as Error).message})`
        console.warn(problem)
      }
    })()
    return loaded
  }

  const running = (): boolean => state !== null && (state.status === 'step' || state.status === 'rest')

  function snapshot(): ResonanceSnapshot {
    return {
      rev,
      status: state?.status ?? 'idle',
      id: state?.id ?? null,
      ratesBpm: [...(state?.ratesBpm ?? RESONANCE_RATES_BPM)],
      step: state?.step ?? null,
      restUntilMs: state?.restUntilMs ?? null,
      attempts: state?.attempts ?? [],
      // Before any test this run, the latest saved one (the screen shows it with "re-test").
      record: running() ? null : (lastRecord ?? records.at(-1) ?? null),
      personRateBpm: personRateBpm(records),
      nowMs: now()
    }
  }

  function follow(pattern: BreathPattern | null): void {
    pacerFollower(ctx.devices.activeSource('heart'))?.followPattern(pattern)
  }

  function row(r: ResonanceRow): void {
    ctx.session().resonanceRow?.(r)
  }

  /** The CSV rows of one transition, in the order its events happened. */
  function recordRows(prev: AssessmentState, t: Transition): void {
    const id = t.state.id
    for (const e of t.events) {
      const d = e.detail
      if (d.phase === 'step-end') {
        const a = t.ended.find((x) => x.run.endMs === e.tMs && x.run.index + 1 === d.step)
        if (!a) continue
        pacerRows(id, a.run).forEach(row)
        row(stepRow(id, a))
      } else if (d.phase === 'rest') {
        const next = t.state.step ?? prev.step
        if (next) row(restRow(id, e.tMs, e.tMs + t.state.timings.restMs, next))
      } else if (d.phase === 'result' && t.state.result) {
        row(resultRow(id, e.tMs, t.state.result))
      } else if (d.phase === 'cancel') {
        if (prev.status === 'step' && prev.step) pacerRows(id, prev.step, e.tMs).forEach(row)
        row(cancelRow(id, e.tMs, t.state.attempts.length))
      }
    }
  }

  function apply(t: Transition): void {
    const prev = state
    state = t.state
    const session = ctx.session()
    for (const e of t.events) session.event(e.tMs, 'resonance', e.detail)
    // The start writes no row: its events say it all.
    if (prev) recordRows(prev, t)
    if (state.status === 'step') {
      if (prev?.status !== 'step' || prev.step?.startMs !== state.step!.startMs)
        follow(pacedBreathPattern(state.step!.inhaleMs, state.step!.exhaleMs))
    } else follow(null)
    if (!running() && prev && (prev.status === 'step' || prev.status === 'rest')) finished(state)
    arm()
    rev++
    ctx.emit('resonance:state', snapshot())
  }

  function finished(s: AssessmentState): void {
    const record: ResonanceRecord = {
      id: s.id,
      startUtc: isoUtc(s.startedMs),
      endUtc: isoUtc(s.endedMs ?? now()),
      completed: s.status === 'done',
      sessionId,
      timings: { stepS: s.timings.stepMs / 1000, restS: s.timings.restMs / 1000 },
      attempts: s.attempts,
      result: s.result
    }
    lastRecord = record
    if (record.completed || record.attempts.length > 0) {
      records = [...records, record]
      const list = records
      saving = saving.then(async () => {
        if (!writable) return
        try {
          await saveResonance(folder, list)
        } catch (err) {
          console.error(`resonance.json not saved: ${(err as Error).message}`)
        }
      })
    }
    beatT = []
    beatRr = []
    gaps = []
    // The session opened for the test ends with it (unless another one has replaced it meanwhile).
    if (openedSession) {
      openedSession = false
      if (ctx.session().activeId() === sessionId) void ctx.session().end()
    }
  }

  function analyse(run: AssessmentState['step'] & object) {
    return analyzeResonanceStep(
      { tMs: beatT, rrMs: beatRr },
      {
        breathsPerMin: run.breathsPerMin,
        startMs: run.startMs,
        endMs: run.endMs,
        inhaleMs: run.inhaleMs,
        exhaleMs: run.exhaleMs
      },
      gaps
    )
  }

  /** Ends what is due by now (a late timer, an intent arriving just after a deadline). */
  function catchUp(): void {
    if (!state || !running()) return
    const t = advance(state, now(), analyse)
    if (t.events.length > 0) apply(t)
  }

  function tick(): void {
    timer = null
    catchUp()
    arm()
  }

  function arm(): void {
    if (timer !== null) ctx.clock.clearTimeout(timer)
    timer = null
    const at = state ? nextDeadline(state) : null
    if (at !== null) timer = ctx.clock.setTimeout(tick, Math.max(0, at - now()))
  }

  const offs = [
    ctx.live.onRaw((e) => {
      if (!running()) return
      if (e.type === 'break') {
        brokeAtMs ??= beatT.length > 0 ? beatT[beatT.length - 1]! : now()
        return
      }
      if (beatT.length > 0 && !(e.tMs > beatT[beatT.length - 1]!)) return // times only increase
      if (brokeAtMs !== null) {
        gaps.push({ startMs: brokeAtMs, endMs: Math.max(brokeAtMs, e.tMs - e.rrMs) })
        brokeAtMs = null
      }
      beatT.push(e.tMs)
      beatRr.push(e.rrMs)
    }),
    ctx.live.onBeat((b) => {
      if (b.cleanRrMs === null || b.cleanParts === 0) return
      const add = (tMs: number): void => {
        if (recentT.length > 0 && !(tMs > recentT[recentT.length - 1]!)) return
        recentT.push(tMs)
        recentRr.push(b.cleanRrMs!)
      }
      if (b.cleanParts === 2) add(b.tMs - b.cleanRrMs)
      add(b.tMs)
      const from = b.tMs - COHERENCE_WINDOW_MS - 5000
      let drop = 0
      while (drop < recentT.length && recentT[drop]! < from) drop++
      if (drop > 0) {
        recentT.splice(0, drop)
        recentRr.splice(0, drop)
      }
    })
  ]

  const timings = () => {
    const s = ctx.settings.get().resonance
    return { stepMs: s.stepS * 1000, restMs: s.restS * 1000 }
  }

  return {
    activity: () => (running() ? 'resonance test' : null),
    async start() {
      await load()
    },
    handlers: {
      'resonance:snapshot': async () => {
        await load()
        return snapshot()
      },
      'resonance:start': async () => {
        await load()
        if (running()) return snapshot()
        // The test needs the person still, on its own pacer: not during a check-in, a practice,
        // the drill or a study block.
        assertIdle(ctx, 'the resonance test')
        const session = ctx.session()
        if (!session.isOpen()) {
          await session.open()
          openedSession = session.isOpen()
        }
        sessionId = session.activeId()
        beatT = []
        beatRr = []
        gaps = []
        brokeAtMs = null
        lastRecord = null
        const startedMs = now()
        state = null
        apply(
          startAssessment(`resonance-${startedMs}-${++counter}`, startedMs, timings(), RESONANCE_RATES_BPM)
        )
        return snapshot()
      },
      'resonance:cancel': () => {
        catchUp()
        if (state && running()) apply(cancelAssessment(state, now()))
        return snapshot()
      },
      'resonance:skip-rest': () => {
        catchUp()
        if (state?.status === 'rest') apply(skipRest(state, now()))
        return snapshot()
      },
      'resonance:history': async () => {
        await load()
        await saving
        return { records: [...records].reverse(), personRateBpm: personRateBpm(records), problem }
      },
      'resonance:coherence': async (): Promise<CoherenceReading> => {
        await load()
        const pacerBpm = personRateBpm(records) ?? DEFAULT_RESONANCE_BPM
        const est = coherence({ tMs: recentT, rrMs: recentRr }, { breathsPerMin: pacerBpm })
        const reading = { coherence: est ? est.coherence : null, pacerBpm, beats: recentT.length }
        const t = now()
        if (est && t - lastCoherenceRecordMs >= COHERENCE_RECORD_MS) {
          lastCoherenceRecordMs = t
          ctx.session().event(t, 'resonance', {
            phase: 'coherence',
            coherence: Math.round(est.coherence * 1000) / 1000,
            pacerBpm,
            beats: recentT.length
          })
        }
        return reading
      }
    },
    async dispose() {
      // Quitting mid-test keeps the steps done: the test is saved as stopped.
      if (state && running()) {
        catchUp()
        if (running()) apply(cancelAssessment(state, now()))
      }
      offs.forEach((off) => off())
      if (timer !== null) ctx.clock.clearTimeout(timer)
      timer = null
      await saving
    }
  }
}
