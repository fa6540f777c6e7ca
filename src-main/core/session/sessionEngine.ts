/**
 * The session engine: main owns the decisions and the state of a session, the screens send
 * intents and draw the snapshot it pushes (`session:state`) whenever something changes.
 *
 * It runs the flow (flowEngine.ts: check-in -> result -> prescription -> protocol -> re-check ->
 * gate -> drill), the study timer (timerEngine.ts: start, pause, resume, stop, marks, the phases,
 * the natural end, the reflection, heart rate from the live feature) and the drill's trials and
 * level progression (drillLadder.ts), and keeps both on disk so they survive a restart. Pure visual timing (the clock on screen, the pacer) stays in
 * the renderer, which derives it from the snapshot.
 */
import type { SessionSnapshot } from '../../shared/contract'
import type { Activity, Feature, FeatureFactory } from '../features/featureContext'
import { TimerEngine } from './timerEngine'
import { FlowEngine } from './flowEngine'
import { DrillLadder } from './drillLadder'
import { createDrillTrials } from '../features/drillFeature'
import { LEVELS, clampLevel } from '../../shared/drillLevels'
import type { BlockTally } from '../../shared/flowMachine'
import { elapsedMs, type TimerState } from '../../shared/timer/timerModel'

const levelStance = (index: number) => LEVELS[clampLevel(index)]!.stance

/**
 * What the learner learns from a finished block (learning/reward.ts): minutes worked of those
 * planned, and the errors and frustrations the person logged. None when no block ran.
 */
export function blockTally(state: TimerState): BlockTally | undefined {
  if (state.status !== 'ended' || state.startedAtMs === null) return undefined
  const doneMs = elapsedMs(state, state.endedAtMs ?? state.startedAtMs)
  return {
    minutesDone: Math.round((doneMs / 60_000) * 100) / 100,
    minutesPlanned: state.blockMs / 60_000,
    errors: state.marks.filter((m) => m.kind === 'error').length,
    frustrations: state.marks.filter((m) => m.kind === 'frustration').length
  }
}

export const sessionEngineFeature: FeatureFactory = (ctx): Feature => {
  let rev = 0
  const snapshot = (): SessionSnapshot => ({
    rev,
    flow: flow.snapshot(),
    timer: timer.snapshot(),
    drill: ladder.snapshot()
  })
  const changed = (): void => {
    rev++
    ctx.emit('session:state', snapshot())
  }
  const flow = new FlowEngine(ctx, changed)
  const timer = new TimerEngine(ctx, changed)
  const ladder = new DrillLadder(ctx, changed)
  const trials = createDrillTrials(ctx)
  /** What the session has the person doing now (one thing at a time across features). */
  const activity = (): Activity | null => {
    const step = flow.snapshot().step
    if (step === 'measuring') return 'check-in'
    if (step === 'breathing') return 'practice'
    if (step === 'drill') return 'drill'
    const status = timer.snapshot().state.status
    return status === 'running' || status === 'paused' ? 'study block' : null
  }
  /** Nothing of the session starts while another feature's activity (the resonance test) runs. */
  const notDuringOther = (what: string): void => {
    const busy = ctx.activity()
    if (busy && busy !== activity())
      throw new Error(`Cannot start ${what} during the ${busy}: finish or stop it first`)
  }
  /** Every intent answers the snapshot after it. */
  const then =
    <R>(work: (request: R) => void | Promise<void>) =>
    async (request: R): Promise<SessionSnapshot> => {
      await work(request)
      return snapshot()
    }

  return {
    activity,
    handlers: {
      'session:snapshot': () => snapshot(),
      'flow:start-check-in': then(({ kind }) => {
        notDuringOther('a check-in')
        return flow.startCheckIn(kind)
      }),
      'flow:finish-check-in': then(() => flow.finishCheckIn()),
      'flow:cancel-check-in': then(() => flow.cancelCheckIn()),
      'flow:self-report': then(({ report }) => flow.selfReport(report)),
      'flow:continue': then(() => flow.continue()),
      'flow:choose-protocol': then(({ protocol, dose }) => {
        notDuringOther('a practice')
        return flow.choose(protocol, dose)
      }),
      'flow:go-straight': then(() => flow.goStraight()),
      'flow:safety-passed': then(() => flow.safetyPassed()),
      'flow:opt-in': then((answers) => flow.optIn(answers)),
      'flow:breath-phase': ({ phase, cycle }) => flow.breathPhase(phase, cycle),
      'flow:safety-declined': then(({ reason }) => flow.safetyDeclined(reason)),
      'flow:protocol-ended': then((done) => flow.protocolEnded(done)),
      'flow:another-round': then(() => {
        notDuringOther('a practice')
        flow.anotherRound()
      }),
      'flow:skip': then(() => flow.override()),
      'flow:request-drill': then(() => flow.drillRequested()),
      'flow:rest-confirmed': then(() => flow.restConfirmed()),
      'flow:drill-finished': then(({ trials, errors }) => flow.drillFinished(trials, errors)),
      'flow:restart': then(() => flow.restart()),
      'timer:start': then(({ task, phoneOut }) => {
        // The gate is main's: no block starts until the flow opened it (check-in or override).
        if (!flow.snapshot().gate.open) throw new Error('The timer is locked: check in first (or skip)')
        notDuringOther('a study block')
        timer.begin(task, phoneOut)
      }),
      'timer:pause': then(() => timer.pause()),
      'timer:resume': then(() => timer.resume()),
      'timer:stop': then(() => timer.stop()),
      'timer:mark': then(({ kind }) => timer.mark(kind)),
      // One step for the person: the block ends, and the next one needs a new check-in.
      'timer:finish': then(async ({ reflection }) => {
        // The block's tally is read before the timer is made ready for the next block.
        const tally = blockTally(timer.snapshot().state)
        await timer.finish(reflection)
        await flow.blockFinished(tally)
      }),
      'timer:rate-focus': then(({ rating }) => flow.rateFocus(rating)),
      'drill:begin': then(() => {
        notDuringOther('the drill')
        ladder.begin()
      }),
      'drill:finish': then(() => ladder.end()),
      'drill:prepare': ({ ready }) =>
        trials.prepare(ready ? levelStance(ladder.snapshot().progress.current) : null),
      // A trial belongs to a drill session: its level is where that session stands on the ladder.
      'drill:trial-start': () => {
        ladder.begin()
        return trials.start(ladder.snapshot().progress.current)
      },
      'drill:self-error': ({ id }) => ({ errors: trials.selfError(id) }),
      'drill:trial-end': ({ id, cancelled }) => {
        const result = trials.end(id)
        return { ...result, progression: cancelled ? null : ladder.apply(result) }
      }
    },
    start: async () => {
      flow.start()
      await timer.start()
    },
    dispose: async () => {
      flow.dispose()
      timer.dispose()
      trials.dispose()
    }
  }
}
