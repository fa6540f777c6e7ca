/**
 * The session flow as a pure state machine: check-in -> result -> prescription -> (safety) ->
 * breathing -> re-check -> gate -> (optional drill) -> study timer. `reduce` returns the next
 * flow and the session event that records the transition with its reason; it never touches the
 * API. Main's session engine (core/session/flowEngine.ts) does the I/O and feeds events in; the
 * screens draw the flow it pushes.
 */
import type { ArousalState, CheckInKind, CheckInResult } from './arousal'
import type { ProtocolName, SessionEventInput } from './session'
import { CLOSED, gateAfterRecheck, type GateOutcome, type GateState } from './gate'
import { REST_S } from './safety'
import type { RecheckOutcome, WindowSummary } from './verdict'
import type { OptionId } from './learning'

/** How much of a protocol: the full practice or the quick one. */
export type Dose = 'full' | 'short'

export type Step =
  | 'start'
  | 'measuring'
  | 'result'
  | 'prescription'
  | 'safety'
  | 'breathing'
  | 'recheck-ready'
  | 'gate'
  | 'rest'
  | 'drill'

export interface Prescription {
  state: ArousalState
  prescribed: ProtocolName | null
  chosen: ProtocolName | null
  dose: Dose
  /**
   * What the learner proposed (issue 16); absent in flows saved before it, null when no learner
   * decided (none in this build, or no option it may propose, e.g. under-aroused without the
   * super-oxygenation safety check): the plain rule `prescribe(state)` applies then.
   */
  proposal?: Proposal | null
  /** The learner option the person is doing (the proposal, or their own pick). */
  chosenOption?: OptionId | null
  /** The super-oxygenation screening found a contraindication in this flow: never offer it. */
  safetyFailed?: boolean
}

/** A learner option as the screen runs it. */
export interface ProposalOption {
  option: OptionId
  protocol: ProtocolName
  dose: Dose
}

/**
 * Why this option: a `learning.reason.*` message key (learning/engine.ts) and, for
 * 'learning.reason.best-so-far', its probability of being this person's best (percent).
 */
export interface ProposalReason {
  key: string
  pct: number | null
}

export interface Proposal extends ProposalOption {
  /** The learner's decision (its log and decisions.csv row). */
  decisionId: string
  reason: ProposalReason
  /** The other options the person may pick instead (all eligible and in this build). */
  alternatives: ProposalOption[]
}

/** The study block's tally at its end, for the learner's delayed outcome. */
export interface BlockTally {
  minutesDone: number
  minutesPlanned: number
  errors: number
  frustrations: number
}

/**
 * The learner's decision this flow follows until its last outcome: the re-check's change, then
 * the study block with its focus rating. Survives the end of the block (the rating comes after).
 */
export interface LearningTrack {
  decisionId: string
  /** The session the decision was made in (its folder gets decisions.csv). */
  sessionId: string | null
  /** The check-in's arousal score, for the re-check's change when the verdict has none. */
  checkInScore: number
  /** Set once the re-check's outcome reached the learner. */
  recheckDone: boolean
  /** The finished block's tally while its focus rating is awaited. */
  block: BlockTally | null
  awaitingRating: boolean
  /** The after-session line (learning.pe.* key) once the block's outcome was recorded. */
  feedback: { key: string; option: OptionId } | null
}

export interface ProtocolDone {
  name: ProtocolName
  plannedS: number
  doneS: number
  completed: boolean
}

export interface Measuring {
  kind: CheckInKind
  id: string
  /** Renderer clock (Date.now) when the check-in started: the progress bar runs from it. */
  startedAtMs: number
  durationS: number
}

export interface Flow {
  step: Step
  measuring: Measuring | null
  /** The latest finished check-in/baseline/re-check shown on the result or gate screen. */
  result: CheckInResult | null
  /** The arousal state of the check-in that set the prescription. */
  prescription: Prescription | null
  protocolDone: ProtocolDone | null
  /** Protocol rounds done in this flow (the user may add one more). */
  rounds: number
  /** After super-oxygenation, the drill waits for a seated rest and a "no dizziness" confirmation. */
  needsRest: boolean
  /** While resting: when the seated rest is over (main's clock, ms); the drill waits until then. */
  restUntilMs: number | null
  gate: GateState
  /**
   * The usable check-in this flow's re-check is compared with (issue 15): its id, state and
   * measured window. Null before one (and in flows saved before this field existed).
   */
  reference: { id: string; state: ArousalState | null; window: WindowSummary | null } | null
  /** The last re-check judged as a change against `reference`, and the gate it decided. */
  recheck: RecheckOutcome | null
  /** The learner's decision being followed (null without one, and in flows saved before it). */
  learning: LearningTrack | null
}

export type FlowEvent =
  | { type: 'checkin-started'; kind: CheckInKind; id: string; startedAtMs: number; durationS: number }
  /**
   * `recheck`: main's judgement of a re-check against the check-in (signal/recheck.ts), which
   * then decides the gate; without it (older callers) the issue-6 rule does.
   */
  | { type: 'checkin-finished'; result: CheckInResult; nowMs: number; recheck?: RecheckOutcome }
  | { type: 'checkin-cancelled' }
  | { type: 'self-reported'; result: CheckInResult }
  /**
   * From the result screen: baseline -> start, usable check-in -> prescription. `proposal`: the
   * learner's (main asked it before); without one the plain rule `prescribe(state)` applies.
   */
  | { type: 'continue'; proposal?: Proposal | null; sessionId?: string | null }
  /** `option`: the learner option the pick stands for (null: the learner is not told). */
  | { type: 'choose'; protocol: ProtocolName; dose: Dose; option?: OptionId | null }
  /** The re-check's outcome reached the learner. */
  | { type: 'recheck-learned'; decisionId: string; dScore: number; reward: number }
  /** The end-of-block focus rating (null = skipped) and the after-session line it produced. */
  | { type: 'focus-rated'; rating: number | null; feedback: { key: string; option: OptionId } | null }
  /** Optimal state (or after the re-check): no protocol, open the gate. */
  | { type: 'go-straight'; nowMs: number }
  | { type: 'safety-passed' }
  | { type: 'safety-declined'; reason: 'contraindication' | 'not-opted-in' | 'cancelled' }
  | { type: 'protocol-ended'; done: ProtocolDone }
  | { type: 'another-round' }
  | { type: 'override'; nowMs: number }
  | { type: 'drill-requested'; nowMs: number }
  | { type: 'rest-confirmed'; nowMs: number }
  | { type: 'drill-finished'; trials: number; errors: number }
  | { type: 'restart' }
  /** The study block this gate opened is over: the next block needs a new check-in. */
  | { type: 'block-finished'; tally?: BlockTally }

export interface Transition {
  flow: Flow
  /** The session event that records the transition; null when the event did not apply. */
  record: SessionEventInput | null
}

export function initialFlow(gate: GateState = CLOSED): Flow {
  return {
    step: gate.open ? 'gate' : 'start',
    measuring: null,
    result: null,
    prescription: null,
    protocolDone: null,
    rounds: 0,
    needsRest: false,
    restUntilMs: null,
    gate,
    reference: null,
    recheck: null,
    learning: null
  }
}

/** high -> physiological sigh, low -> super-oxygenation, optimal -> nothing needed. */
export function prescribe(state: ArousalState): ProtocolName | null {
  return state === 'high' ? 'sigh' : state === 'low' ? 'super-oxygenation' : null
}

const ignored = (flow: Flow): Transition => ({ flow, record: null })

function move(
  from: Flow,
  to: Flow,
  type: SessionEventInput['type'],
  reason: string,
  extra: Record<string, string | number | boolean | null> = {}
): Transition {
  return { flow: to, record: { type, detail: { from: from.step, to: to.step, reason, ...extra } } }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000

function openGate(outcome: GateOutcome, nowMs: number): GateState {
  return { open: true, outcome, atMs: nowMs }
}

/** Keep an open gate open; otherwise show why it is closed. */
function closedUnlessOpen(gate: GateState, reason: 'no-check-in' | 'protocol-pending' | 're-check-pending') {
  return gate.open ? gate : ({ open: false, reason } as const)
}

export function reduce(flow: Flow, event: FlowEvent): Transition {
  switch (event.type) {
    case 'checkin-started': {
      if (flow.step === 'measuring' || flow.step === 'breathing' || flow.step === 'drill')
        return ignored(flow)
      const next: Flow = {
        ...flow,
        step: 'measuring',
        // A new check-in leads to a new decision; a re-check belongs to the current one.
        learning: event.kind === 're-check' ? flow.learning : null,
        measuring: {
          kind: event.kind,
          id: event.id,
          startedAtMs: event.startedAtMs,
          durationS: event.durationS
        }
      }
      return move(flow, next, event.kind === 're-check' ? 're-check' : 'check-in', `start-${event.kind}`, {
        id: event.id,
        durationS: event.durationS
      })
    }

    case 'checkin-cancelled': {
      if (flow.step !== 'measuring') return ignored(flow)
      const kind = flow.measuring?.kind
      const next: Flow = {
        ...flow,
        step: kind === 're-check' ? 'recheck-ready' : 'start',
        measuring: null
      }
      return move(flow, next, 'flow', 'check-in-cancelled', { kind: kind ?? null })
    }

    case 'checkin-finished': {
      if (flow.step !== 'measuring' || !flow.measuring) return ignored(flow)
      const r = event.result
      const base = {
        kind: r.kind,
        usable: r.usable,
        state: r.arousal?.state ?? null,
        confidence: r.arousal?.confidence ?? null,
        score: r.arousal?.score ?? null,
        hrBpm: r.hrBpm,
        rmssdMs: r.rmssdMs,
        quality: r.quality
      }
      if (flow.measuring.kind === 're-check') {
        const state = r.usable ? (r.arousal?.state ?? null) : null
        const completed = flow.protocolDone?.completed ?? false
        const judged = event.recheck
        if (judged) {
          // Issue 15: the measured change and the protocol decide (gateDecision, in main).
          const decided: GateState = judged.gate.open
            ? { open: true, outcome: 'protocol-completed', atMs: event.nowMs }
            : { open: false, reason: 'protocol-pending' }
          const gate = flow.gate.open && !decided.open ? flow.gate : decided
          const next: Flow = { ...flow, step: 'gate', measuring: null, result: r, gate, recheck: judged }
          const c = judged.change
          return move(
            flow,
            next,
            'gate',
            `gate-${judged.gate.open ? 'open' : 'closed'}-${judged.gate.reason}`,
            {
              ...base,
              open: gate.open,
              gateReason: judged.gate.reason,
              change: c?.verdict ?? null,
              measured: c?.measured ?? null,
              expected: c?.expected ?? null,
              dHrBpm: c ? round3(c.dHrBpm) : null,
              dHrSeBpm: c ? round3(c.dHrSeBpm) : null,
              dLnRmssd: c ? round3(c.dLnRmssd) : null,
              dLnRmssdSe: c ? round3(c.dLnRmssdSe) : null,
              dRmssdPct: c ? round3(c.dRmssdPct) : null,
              dRespBpm: c?.dRespBpm != null ? round3(c.dRespBpm) : null,
              dRespSeBpm: c?.dRespSeBpm != null ? round3(c.dRespSeBpm) : null,
              swcSource: c?.swc.source ?? null
            }
          )
        }
        const decided = gateAfterRecheck(state, completed, event.nowMs)
        const gate = flow.gate.open && !decided.open ? flow.gate : decided
        const next: Flow = { ...flow, step: 'gate', measuring: null, result: r, gate }
        const reason = !r.usable
          ? 're-check-unusable'
          : decided.open
            ? `gate-open-${decided.outcome}`
            : 'gate-closed-protocol-pending'
        return move(flow, next, 'gate', reason, { ...base, open: gate.open })
      }
      const reference =
        r.kind === 'check-in' && r.usable
          ? { id: r.id, state: r.arousal?.state ?? null, window: r.window ?? null }
          : flow.reference
      const next: Flow = { ...flow, step: 'result', measuring: null, result: r, reference }
      return move(flow, next, 'result', r.usable ? `${r.kind}-done` : `${r.kind}-unusable`, base)
    }

    case 'self-reported': {
      if ((flow.step !== 'result' && flow.step !== 'gate') || !flow.result) return ignored(flow)
      if (event.result.id !== flow.result.id) return ignored(flow)
      const next: Flow = { ...flow, result: event.result }
      return move(flow, next, 'self-report', `self-report-${event.result.selfReport ?? 'cleared'}`, {
        report: event.result.selfReport,
        state: event.result.arousal?.state ?? null
      })
    }

    case 'continue': {
      if (flow.step !== 'result' || !flow.result) return ignored(flow)
      if (flow.result.kind === 'baseline' || !flow.result.usable || !flow.result.arousal) {
        const next: Flow = {
          ...flow,
          step: 'start',
          result: flow.result.kind === 'baseline' ? null : flow.result
        }
        return move(
          flow,
          next,
          'flow',
          flow.result.kind === 'baseline' ? 'baseline-done' : 'no-usable-result'
        )
      }
      const state = flow.result.arousal.state
      // The learner decides only for the states it learns (high, low); elsewhere the plain rule.
      const proposal = event.proposal && (state === 'high' || state === 'low') ? event.proposal : null
      const prescribed = proposal ? proposal.protocol : prescribe(state)
      const prescription: Prescription = {
        state,
        prescribed,
        chosen: prescribed,
        dose: proposal ? proposal.dose : 'full',
        proposal,
        chosenOption: proposal ? proposal.option : null
      }
      const learning: LearningTrack | null = proposal
        ? {
            decisionId: proposal.decisionId,
            sessionId: event.sessionId ?? null,
            checkInScore: flow.result.arousal.score,
            recheckDone: false,
            block: null,
            awaitingRating: false,
            feedback: null
          }
        : null
      const next: Flow = {
        ...flow,
        step: 'prescription',
        prescription,
        protocolDone: null,
        rounds: 0,
        gate: closedUnlessOpen(flow.gate, 'protocol-pending'),
        learning
      }
      return move(flow, next, 'prescription', `state-${state}`, {
        state,
        prescribed,
        confidence: flow.result.arousal.confidence,
        ...(proposal
          ? {
              decisionId: proposal.decisionId,
              option: proposal.option,
              dose: proposal.dose,
              reason: proposal.reason.key,
              pct: proposal.reason.pct,
              alternatives: proposal.alternatives.map((a) => a.option).join(';')
            }
          : {})
      })
    }

    case 'choose': {
      if (flow.step !== 'prescription' && flow.step !== 'gate') return ignored(flow)
      const state = flow.prescription?.state ?? flow.result?.arousal?.state ?? 'optimal'
      // The check found a contraindication: super-oxygenation is never started in this flow.
      if (event.protocol === 'super-oxygenation' && flow.prescription?.safetyFailed) return ignored(flow)
      const proposal = flow.prescription?.proposal ?? null
      const option = event.option ?? null
      const prescription: Prescription = {
        ...flow.prescription,
        state,
        prescribed: flow.prescription?.prescribed ?? prescribe(state),
        chosen: event.protocol,
        dose: event.dose,
        proposal,
        chosenOption: option
      }
      // A pick the learner was not told about (outside its options) is not learned from.
      const learning = flow.learning && option === null ? null : flow.learning
      const safety = event.protocol === 'super-oxygenation'
      const next: Flow = { ...flow, step: safety ? 'safety' : 'breathing', prescription, learning }
      const asPrescribed = proposal ? option === proposal.option : prescription.prescribed === event.protocol
      const reason = asPrescribed
        ? 'as-prescribed'
        : prescription.prescribed === null
          ? 'chosen-although-optimal'
          : 'user-chose-other'
      return move(flow, next, safety ? 'safety' : 'protocol-start', reason, {
        prescribed: prescription.prescribed,
        chosen: event.protocol,
        dose: event.dose,
        ...(proposal ? { option, decisionId: learning ? proposal.decisionId : null } : {})
      })
    }

    case 'safety-passed': {
      if (flow.step !== 'safety') return ignored(flow)
      return move(flow, { ...flow, step: 'breathing' }, 'protocol-start', 'safety-confirmed', {
        chosen: flow.prescription?.chosen ?? null
      })
    }

    case 'safety-declined': {
      if (flow.step !== 'safety') return ignored(flow)
      const prescription = flow.prescription
        ? {
            ...flow.prescription,
            chosen: null,
            safetyFailed: flow.prescription.safetyFailed === true || event.reason === 'contraindication'
          }
        : null
      return move(flow, { ...flow, step: 'prescription', prescription }, 'safety', event.reason)
    }

    case 'protocol-ended': {
      if (flow.step !== 'breathing') return ignored(flow)
      const prev = flow.protocolDone
      // Several rounds add up; the protocol counts as completed once any round was completed.
      const done: ProtocolDone =
        prev && prev.name === event.done.name
          ? {
              name: event.done.name,
              plannedS: prev.plannedS + event.done.plannedS,
              doneS: prev.doneS + event.done.doneS,
              completed: prev.completed || event.done.completed
            }
          : event.done
      const next: Flow = {
        ...flow,
        step: 'recheck-ready',
        protocolDone: done,
        rounds: flow.rounds + 1,
        needsRest: flow.needsRest || event.done.name === 'super-oxygenation',
        gate: closedUnlessOpen(flow.gate, 're-check-pending')
      }
      return move(flow, next, 'protocol-end', event.done.completed ? 'completed' : 'stopped-early', {
        name: event.done.name,
        plannedS: event.done.plannedS,
        doneS: event.done.doneS,
        completed: event.done.completed
      })
    }

    case 'another-round': {
      if (flow.step !== 'gate' || !flow.prescription?.chosen) return ignored(flow)
      return move(flow, { ...flow, step: 'breathing' }, 'protocol-start', 'another-round', {
        chosen: flow.prescription.chosen,
        round: flow.rounds + 1
      })
    }

    case 'go-straight': {
      if (flow.step !== 'prescription' && flow.step !== 'gate') return ignored(flow)
      const state = flow.step === 'gate' ? (flow.result?.arousal?.state ?? null) : flow.prescription?.state
      if (state !== 'optimal') return ignored(flow)
      const gate = flow.gate.open ? flow.gate : openGate('optimal', event.nowMs)
      return move(flow, { ...flow, step: 'gate', gate }, 'gate', 'optimal-no-protocol-needed', {
        outcome: 'optimal'
      })
    }

    case 'override': {
      if (flow.step === 'measuring' || flow.step === 'breathing' || flow.step === 'drill')
        return ignored(flow)
      if (flow.gate.open) return ignored(flow)
      const next: Flow = { ...flow, step: 'gate', gate: openGate('override', event.nowMs) }
      return move(flow, next, 'override', 'user-skipped-with-confirmation', { skippedAt: flow.step })
    }

    case 'drill-requested': {
      if (flow.step !== 'gate' || !flow.gate.open) return ignored(flow)
      if (flow.needsRest)
        return move(
          flow,
          { ...flow, step: 'rest', restUntilMs: event.nowMs + REST_S * 1000 },
          'safety',
          'rest-after-super-oxygenation',
          { restS: REST_S }
        )
      return move(flow, { ...flow, step: 'drill' }, 'flow', 'drill-chosen')
    }

    case 'rest-confirmed': {
      // The rest is main's to time: a confirmation before it is over does not count.
      if (flow.step !== 'rest' || (flow.restUntilMs !== null && event.nowMs < flow.restUntilMs))
        return ignored(flow)
      return move(
        flow,
        { ...flow, step: 'drill', needsRest: false, restUntilMs: null },
        'safety',
        'rested-no-dizziness'
      )
    }

    case 'drill-finished': {
      if (flow.step !== 'drill') return ignored(flow)
      return move(flow, { ...flow, step: 'gate' }, 'flow', 'drill-done', {
        trials: event.trials,
        errors: event.errors
      })
    }

    case 'restart': {
      if (flow.step === 'measuring' || flow.step === 'breathing') return ignored(flow)
      const next: Flow = { ...initialFlow(flow.gate), step: 'start' }
      return move(flow, next, 'flow', 'new-check-in')
    }
    case 'block-finished': {
      if (flow.step === 'measuring' || flow.step === 'breathing') return ignored(flow)
      // The decision waits for the block's focus rating (asked after the block) when it has one.
      const learning: LearningTrack | null =
        flow.learning && event.tally
          ? { ...flow.learning, block: event.tally, awaitingRating: true, feedback: null }
          : null
      return move(flow, { ...initialFlow(CLOSED), step: 'start', learning }, 'flow', 'block-finished', {
        ...(learning ? { decisionId: learning.decisionId } : {})
      })
    }

    case 'recheck-learned': {
      if (!flow.learning || flow.learning.decisionId !== event.decisionId || flow.learning.recheckDone)
        return ignored(flow)
      const next: Flow = { ...flow, learning: { ...flow.learning, recheckDone: true } }
      return move(flow, next, 'flow', 'learner-recheck-outcome', {
        decisionId: event.decisionId,
        dScore: round3(event.dScore),
        reward: round3(event.reward)
      })
    }

    case 'focus-rated': {
      if (!flow.learning?.awaitingRating) return ignored(flow)
      const next: Flow = {
        ...flow,
        learning: { ...flow.learning, awaitingRating: false, feedback: event.feedback }
      }
      return move(flow, next, 'flow', event.rating === null ? 'focus-rating-skipped' : 'focus-rated', {
        decisionId: flow.learning.decisionId,
        rating: event.rating
      })
    }
  }
}
