/**
 * The session flow, run by main: check-in -> result -> prescription -> (safety) -> breathing ->
 * re-check -> gate -> (drill) -> study timer. The decisions are the pure reducer of
 * shared/flowMachine.ts; this engine does the I/O around it:
 *   - starts check-ins (main chooses their limit), asks the check-in feature about once a second
 *     whether it has enough (signal/checkInStopping.ts: after the documented minimum of clean
 *     data, once the estimate is confident; at the limit otherwise), pushes what the screen shows
 *     live (`session:measuring`, this engine's one live channel) and finishes it when the rule
 *     says stop; cancels them, passes self-reports on;
 *   - judges a re-check as a measured change against the flow's check-in (signal/recheck.ts:
 *     recheckChange with the calibrated baseline's spreads, gateDecision, historySummary) and
 *     passes that judgement to the reducer, which opens or keeps the gate by it; session.json
 *     `recheck` keeps it;
 *   - records every transition with its reason in the open session (opening one when a check-in
 *     or a skip needs it) and keeps session.json's prescription, protocolDone and gate in step;
 *   - keeps the flow in `<userData>/flow.json`, so a restart goes on where the person was (a
 *     measurement the restart interrupted is cancelled: its beats are gone).
 *   - asks the learner (learning/, when the core has one) what to propose at the prescription,
 *     tells it the person's own pick, the re-check's change and the study block's outcome with
 *     its focus rating (learnerWiring.ts), and writes the session's decisions.csv each time;
 * The screens send intents (flow:*) and draw the flow from the snapshot. The pacer and its
 * animation stay in the renderer: it tells main when a protocol ended and how much was done.
 */
import type { CheckInKind, SelfReport, ProtocolName, SessionMetaPatch } from '../../shared/contract'
import {
  initialFlow,
  reduce,
  type BlockTally,
  type Dose,
  type Prescription,
  type Flow,
  type FlowEvent,
  type ProtocolDone
} from '../../shared/flowMachine'
import type { GateState } from '../../shared/gate'
import type { CheckInResult } from '../../shared/arousal'
import type { RecheckOutcome } from '../../shared/verdict'
import { calibratedBaseline } from '../../signal/calibration'
import {
  expectedDirection,
  gateDecision,
  historySummary,
  recheckChange,
  type ProtocolEffect
} from '../../signal/recheck'
import type { JsonValue } from '../../shared/validate'
import { CONTRAINDICATIONS, REST_S, screening, type Answers } from '../../shared/safety'
import type { BreathPhaseName } from '../../shared/breathing'
import { PROTOCOLS } from '../../shared/protocols'
import type { FeatureContext } from '../features/featureContext'
import { StateDocs } from './stateDocs'
import { LearnerWiring } from './learnerWiring'

export const FLOW_DOC = 'flow'
const FLOW_DOC_VERSION = 1
/**
 * What each protocol is for (shared/protocols.ts): the direction a re-check should move. 'neutral'
 * (NSDR, sit-quietly) has no direction of its own: the re-check expects a move toward the zone.
 */
export function protocolEffect(protocol: ProtocolName): ProtocolEffect {
  return PROTOCOLS[protocol].effect
}

/** How often a running check-in is asked whether it has enough. */
export const MEASURING_TICK_MS = 1000

export class FlowEngine {
  private flow: Flow
  private readonly docs: StateDocs
  private finishTimer: unknown = null
  private readonly learner: LearnerWiring

  constructor(
    private readonly ctx: FeatureContext,
    private readonly changed: () => void
  ) {
    this.docs = new StateDocs(ctx.userDataDir)
    this.flow = restoreFlow(this.docs.load(FLOW_DOC), ctx.clock.now())
    this.learner = new LearnerWiring(ctx)
  }

  snapshot(): Flow {
    return this.flow
  }

  /** At launch: a measurement the last run left open cannot go on (its beats are gone). */
  start(): void {
    if (this.flow.step === 'measuring') this.dispatch({ type: 'checkin-cancelled' })
  }

  dispose(): void {
    this.disarm()
  }

  // ---------- check-ins ----------

  async startCheckIn(kind: CheckInKind): Promise<void> {
    if (this.flow.step === 'measuring') return
    // A new check-in leads to a new decision: an unanswered focus rating counts as skipped.
    if (kind !== 're-check') await this.rateFocus(null)
    const checkIns = this.checkIns()
    await this.ctx.session().open()
    const started = checkIns.start(kind)
    const moved = this.dispatch({
      type: 'checkin-started',
      kind,
      id: started.id,
      startedAtMs: started.startedMs,
      durationS: started.durationS
    })
    if (!moved) {
      checkIns.cancel(started.id)
      return
    }
    this.disarm()
    this.armTick()
  }

  /** Asks the running check-in whether it has enough; pushes its live state; finishes it on stop. */
  private tick(): void {
    const m = this.flow.measuring
    if (this.flow.step !== 'measuring' || !m) return
    const progress = this.checkIns().progress(m.id)
    if (!progress) {
      // The measurement is gone (another caller replaced it): nothing left to finish.
      this.cancelCheckIn()
      return
    }
    this.ctx.emit('session:measuring', progress.live)
    if (progress.stop) void this.finishCheckIn()
    else this.armTick()
  }

  private armTick(): void {
    this.finishTimer = this.ctx.clock.setTimeout(() => {
      this.finishTimer = null
      this.tick()
    }, MEASURING_TICK_MS)
  }

  /** Finishes the running check-in now (its time is up, or the person ends it). */
  async finishCheckIn(): Promise<void> {
    const m = this.flow.measuring
    if (this.flow.step !== 'measuring' || !m) return
    this.disarm()
    const result = this.checkIns().finish(m.id)
    const recheck = m.kind === 're-check' ? this.judgeRecheck(result) : undefined
    const moved = this.dispatch({ type: 'checkin-finished', result, nowMs: this.ctx.clock.now(), recheck })
    if (moved && recheck) this.ctx.session().update({ recheck })
    const track = this.flow.learning
    if (moved && m.kind === 're-check' && track && !track.recheckDone) {
      const learned = await this.learner.recheckOutcome(track, result, recheck ?? null)
      if (learned) this.dispatch({ type: 'recheck-learned', decisionId: track.decisionId, ...learned })
    }
  }

  /** The re-check against this flow's check-in: the measured change and the gate it decides. */
  private judgeRecheck(result: CheckInResult): RecheckOutcome {
    const nowMs = this.ctx.clock.now()
    const calibrated = calibratedBaseline(this.ctx.baseline.measurements(), {
      nowMs,
      utcOffsetMin: -new Date(nowMs).getTimezoneOffset()
    })
    const ref = this.flow.reference
    const from = this.flow.prescription?.state ?? ref?.state ?? null
    const chosen = this.flow.prescription?.chosen ?? this.flow.protocolDone?.name ?? null
    const expected = expectedDirection(from ?? 'optimal', chosen ? protocolEffect(chosen) : null)
    const change =
      ref?.window && result.usable && result.window
        ? recheckChange(ref.window, result.window, calibrated, expected, result.arousal?.state ?? null)
        : null
    const gate = gateDecision({
      protocolCompleted: this.flow.protocolDone?.completed ?? false,
      change,
      overrideRecorded: false
    })
    return {
      recheckId: result.id,
      checkInId: ref?.id ?? null,
      from,
      change,
      gate,
      summary: change && from ? historySummary(from, change) : null,
      calibration: calibrated.status
    }
  }

  cancelCheckIn(): void {
    const m = this.flow.measuring
    if (!m) return
    this.disarm()
    this.ctx.checkIns()?.cancel(m.id)
    this.dispatch({ type: 'checkin-cancelled' })
  }

  selfReport(report: SelfReport | null): void {
    const r = this.flow.result
    if (!r) return
    const result = this.checkIns().selfReport(r.id, report)
    this.dispatch({ type: 'self-reported', result })
  }

  // ---------- prescription, protocol, gate, drill ----------

  /** To the prescription: the learner's proposal when it may decide, else the plain rule. */
  async continue(): Promise<void> {
    const r = this.flow.result
    const state = r?.arousal?.state
    const decides = this.flow.step === 'result' && r?.kind === 'check-in' && r.usable
    const proposal =
      decides && r.arousal && (state === 'high' || state === 'low')
        ? await this.learner.propose(r, r.arousal.score, state)
        : null
    this.dispatch({ type: 'continue', proposal, sessionId: this.ctx.session().activeId() })
  }

  /**
   * The person's pick. With a learner decision the learner is told first: it refuses an option
   * that is not safe or not in this build, and then nothing changes (an error the screen shows).
   * One exception keeps the one-time super-oxygenation screening reachable: picking it before
   * the check was done goes to that check, and the decision (made when it was not done) is not
   * learned from. Super-oxygenation after the check found a contraindication is always refused.
   */
  async choose(protocol: ProtocolName, dose: Dose): Promise<void> {
    const p = this.flow.prescription
    if (protocol === 'super-oxygenation' && p?.safetyFailed)
      throw new Error('Super-oxygenation is not safe for you: the safety check found a contraindication')
    if (this.flow.step !== 'prescription' && this.flow.step !== 'gate') return
    const option = await this.learner.personChose(this.flow, protocol, dose)
    if (this.dispatch({ type: 'choose', protocol, dose, option }) && this.flow.prescription)
      this.ctx.session().update({ prescription: sessionPrescription(this.flow.prescription) })
  }

  goStraight(): void {
    this.dispatch({ type: 'go-straight', nowMs: this.ctx.clock.now() })
  }

  /** Main's own check: super-oxygenation starts only for a person who passed the screening. */
  safetyPassed(): void {
    if (
      this.flow.step === 'safety' &&
      this.flow.prescription?.chosen === 'super-oxygenation' &&
      (!this.ctx.settings.get().superOxygenation.optedIn || this.flow.prescription.safetyFailed)
    )
      throw new Error('Super-oxygenation needs its one-time safety check (no contraindication) first')
    this.dispatch({ type: 'safety-passed' })
  }

  /**
   * The one-time super-oxygenation opt-in, after a screening with no contraindication: saved in
   * settings and recorded with the answers. Refused when any answer is missing or yes.
   */
  optIn(answers: Answers): void {
    if (screening(answers) !== 'clear') throw new Error('Every screening question needs a "no" first')
    if (this.flow.step !== 'safety') return
    this.ctx.settings.update({ superOxygenation: { optedIn: true } })
    const detail: Record<string, boolean | string> = { reason: 'opted-in' }
    for (const c of CONTRAINDICATIONS) detail[c] = answers[c] ?? false
    this.ctx.session().event(this.ctx.clock.now(), 'safety', detail)
  }

  /** The pacer began a phase: one events.csv row per phase, so a recording shows the breathing. */
  breathPhase(phase: BreathPhaseName, cycle: number): void {
    if (this.flow.step !== 'breathing') return
    this.ctx.session().event(this.ctx.clock.now(), 'breath-phase', { phase, cycle })
  }

  safetyDeclined(reason: 'contraindication' | 'not-opted-in' | 'cancelled'): void {
    if (this.dispatch({ type: 'safety-declined', reason }) && this.flow.prescription)
      this.ctx.session().update({ prescription: sessionPrescription(this.flow.prescription) })
  }

  /** The pacer finished (or was stopped): recorded, then the re-check starts by itself. */
  async protocolEnded(done: ProtocolDone): Promise<void> {
    if (!this.dispatch({ type: 'protocol-ended', done })) return
    if (this.flow.protocolDone) this.ctx.session().update({ protocolDone: this.flow.protocolDone })
    await this.startCheckIn('re-check')
  }

  anotherRound(): void {
    this.dispatch({ type: 'another-round' })
  }

  /** Skip (after the screen's confirmation): an override, in a session of its own if need be. */
  async override(): Promise<void> {
    await this.ctx.session().open()
    const moved = this.dispatch({ type: 'override', nowMs: this.ctx.clock.now() })
    // A closed gate after a re-check: the record says the override, not the measurement, opened it.
    const judged = this.flow.recheck
    if (moved && judged && !judged.gate.open) {
      const gate = gateDecision({ protocolCompleted: false, change: judged.change, overrideRecorded: true })
      this.ctx.session().update({ recheck: { ...judged, gate } })
    }
  }

  drillRequested(): void {
    this.dispatch({ type: 'drill-requested', nowMs: this.ctx.clock.now() })
  }

  /** Refused (an error the screen shows) while the seated rest main times is not over. */
  restConfirmed(): void {
    const until = this.flow.restUntilMs
    if (this.flow.step === 'rest' && until !== null && this.ctx.clock.now() < until)
      throw new Error(`Rest a little longer: ${Math.ceil((until - this.ctx.clock.now()) / 1000)} s to go`)
    this.dispatch({ type: 'rest-confirmed', nowMs: this.ctx.clock.now() })
  }

  drillFinished(trials: number, errors: number): void {
    this.dispatch({ type: 'drill-finished', trials, errors })
  }

  async restart(): Promise<void> {
    await this.rateFocus(null)
    this.dispatch({ type: 'restart' })
  }

  /**
   * The study block this gate opened is over: the next block needs a new check-in. With the
   * block's tally the learner's decision then waits for the focus rating.
   */
  async blockFinished(tally?: BlockTally): Promise<void> {
    if (!this.dispatch({ type: 'block-finished', tally })) return
    const track = this.flow.learning
    if (track) await this.learner.writeDecisions(track.sessionId)
  }

  /**
   * The end-of-block focus rating 1-5 (null = skipped): the learner records the block's outcome
   * and the after-session line is kept for the timer screen. Nothing when no rating is awaited.
   */
  async rateFocus(rating: number | null): Promise<void> {
    const track = this.flow.learning
    if (!track?.awaitingRating || !track.block) return
    const feedback = await this.learner.blockOutcome(track, rating)
    this.dispatch({ type: 'focus-rated', rating, feedback })
  }

  // ---------- the reducer and what it records ----------

  private dispatch(event: FlowEvent): boolean {
    const before = this.flow
    const { flow, record } = reduce(before, event)
    if (!record) return false
    this.flow = flow
    const session = this.ctx.session()
    session.event(this.ctx.clock.now(), record.type, record.detail)
    if (flow.gate.open && !before.gate.open) {
      const { outcome, atMs } = flow.gate
      session.update({ gate: { outcome, atUtc: new Date(atMs).toISOString() } })
    }
    this.save()
    this.changed()
    return true
  }

  private checkIns() {
    const checkIns = this.ctx.checkIns()
    if (!checkIns) throw new Error('check-ins are not available in this build')
    return checkIns
  }

  private disarm(): void {
    if (this.finishTimer !== null) this.ctx.clock.clearTimeout(this.finishTimer)
    this.finishTimer = null
  }

  private save(): void {
    try {
      this.docs.save(FLOW_DOC, { version: FLOW_DOC_VERSION, flow: this.flow } as unknown as JsonValue)
    } catch (err) {
      console.error(`flow: could not save the flow: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
}

const STEPS = new Set<Flow['step']>([
  'start',
  'measuring',
  'result',
  'prescription',
  'safety',
  'breathing',
  'recheck-ready',
  'gate',
  'rest',
  'drill'
])

/**
 * The stored flow, or a fresh start when there is none (the previous version kept no flow on disk:
 * a person who updates starts at the check-in, with the timer and drill progress kept) or it
 * cannot be trusted. Only the shape is checked: the reducer handles any step from any state.
 */
export function restoreFlow(doc: JsonValue | null, nowMs: number): Flow {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || doc.version !== FLOW_DOC_VERSION)
    return initialFlow()
  const f = doc.flow as Partial<Flow> | undefined
  if (!f || typeof f !== 'object' || !STEPS.has(f.step as Flow['step']) || !validGate(f.gate))
    return initialFlow()
  const fresh = initialFlow()
  return {
    step: f.step as Flow['step'],
    measuring: f.measuring ?? null,
    result: f.result ?? null,
    prescription: f.prescription ?? null,
    protocolDone: f.protocolDone ?? null,
    rounds: typeof f.rounds === 'number' ? f.rounds : fresh.rounds,
    needsRest: f.needsRest === true,
    // A rest the previous version started (it timed the rest on screen) starts its time again.
    restUntilMs:
      typeof f.restUntilMs === 'number' ? f.restUntilMs : f.step === 'rest' ? nowMs + REST_S * 1000 : null,
    gate: f.gate as GateState,
    // Absent in flows saved before issue 15.
    reference: f.reference ?? null,
    recheck: f.recheck ?? null,
    // Absent in flows saved before issue 16 (the learner's decision).
    learning: f.learning ?? null
  }
}

/** session.json keeps the prescription's original four fields (its documented shape). */
function sessionPrescription(p: Prescription): SessionPrescription {
  return { state: p.state, prescribed: p.prescribed, chosen: p.chosen, dose: p.dose }
}
type SessionPrescription = NonNullable<SessionMetaPatch['prescription']>

function validGate(g: unknown): boolean {
  if (!g || typeof g !== 'object') return false
  const gate = g as Partial<{ open: boolean; outcome: string; atMs: number; reason: string }>
  if (gate.open === true)
    return (
      ['optimal', 'protocol-completed', 'override'].includes(gate.outcome ?? '') &&
      typeof gate.atMs === 'number'
    )
  return (
    gate.open === false && ['no-check-in', 'protocol-pending', 're-check-pending'].includes(gate.reason ?? '')
  )
}
