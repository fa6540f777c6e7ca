/**
 * The session engine: main owns the decisions and the state of a session, the screens send
 * intents and draw the snapshot it pushes (`session:state`) whenever something changes.
 *
 * Today it runs the study timer (timerEngine.ts: start, pause, resume, stop, marks, the phases,
 * the natural end, the reflection, heart rate from the live feature) and the drill's trials and
 * level progression (drillLadder.ts), and keeps both on disk so they survive a restart. Pure visual timing (the clock on screen, the pacer) stays in
 * the renderer, which derives it from the snapshot.
 */
import type { SessionSnapshot } from '../../shared/contract'
import type { Feature, FeatureFactory } from '../features/featureContext'
import { TimerEngine } from './timerEngine'
import { DrillLadder } from './drillLadder'
import { createDrillTrials } from '../features/drillFeature'

export const sessionEngineFeature: FeatureFactory = (ctx): Feature => {
  let rev = 0
  const snapshot = (): SessionSnapshot => ({ rev, timer: timer.snapshot(), drill: ladder.snapshot() })
  const changed = (): void => {
    rev++
    ctx.emit('session:state', snapshot())
  }
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
    start: () => timer.start(),
    dispose: async () => {
      timer.dispose()
      trials.dispose()
    }
  }
}
