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
import type { Feature, FeatureFactory } from '../features/featureContext'
import { TimerEngine } from './timerEngine'
import { FlowEngine } from './flowEngine'
import { DrillLadder } from './drillLadder'
import { createDrillTrials } from '../features/drillFeature'

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
  /** Every intent answers the snapshot after it. */
  const then =
    <R>(work: (request: R) => void | Promise<void>) =>
    async (request: R): Promise<SessionSnapshot> => {
      await work(request)
      return snapshot()
    }

  return {
    handlers: {
      'session:snapshot': () => snapshot(),
      'flow:start-check-in': then(({ kind }) => flow.startCheckIn(kind)),
      'flow:finish-check-in': then(() => flow.finishCheckIn()),
      'flow:cancel-check-in': then(() => flow.cancelCheckIn()),
      'flow:self-report': then(({ report }) => flow.selfReport(report)),
      'flow:continue': then(() => flow.continue()),
      'flow:choose-protocol': then(({ protocol, dose }) => flow.choose(protocol, dose)),
      'flow:go-straight': then(() => flow.goStraight()),
      'flow:safety-passed': then(() => flow.safetyPassed()),
      'flow:safety-declined': then(({ reason }) => flow.safetyDeclined(reason)),
      'flow:protocol-ended': then((done) => flow.protocolEnded(done)),
      'flow:another-round': then(() => flow.anotherRound()),
      'flow:skip': then(() => flow.override()),
      'flow:request-drill': then(() => flow.drillRequested()),
      'flow:rest-confirmed': then(() => flow.restConfirmed()),
      'flow:drill-finished': then(({ trials, errors }) => flow.drillFinished(trials, errors)),
      'flow:restart': then(() => flow.restart()),
      'flow:block-finished': then(() => flow.blockFinished()),
      'timer:start': then(({ task, phoneOut }) => timer.begin(task, phoneOut)),
      'timer:pause': then(() => timer.pause()),
      'timer:resume': then(() => timer.resume()),
      'timer:stop': then(() => timer.stop()),
      'timer:mark': then(({ kind }) => timer.mark(kind)),
      'timer:finish': then(({ reflection }) => timer.finish(reflection)),
      'drill:begin': then(() => ladder.begin()),
      'drill:finish': then(() => ladder.end()),
      'drill:trial-start': ({ stance, targetRadiusMm }) => trials.start(stance, targetRadiusMm),
      'drill:trial-end': ({ id, selfReportedErrors, cancelled }) => {
        const result = trials.end(id, selfReportedErrors)
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
