/**
 * The drill's level progression, run by main (the rule is shared/drillProgression.ts): a drill
 * session starts at the level last passed, each counted trial moves along the ladder, and the
 * progress is kept in `<userData>/drill.json` - the document the renderer saved through
 * `state:save` before main owned it (same format, plus `openSession`, which older versions
 * ignore), so progress and a drill session under way survive an update and a restart.
 */
import {
  applyTrial,
  isoUtc,
  parseProgress,
  startSession,
  toJson,
  type DrillProgress,
  type DrillSnapshot,
  type TrialProgression
} from '../../shared/drillProgression'
import type { DrillTrialResult } from '../../shared/drill'
import type { FeatureContext } from '../features/featureContext'
import { StateDocs } from './stateDocs'

export const DRILL_DOC = 'drill'

export class DrillLadder {
  private progress: DrillProgress
  private session: string | null
  private readonly docs: StateDocs

  constructor(
    private readonly ctx: FeatureContext,
    private readonly changed: () => void
  ) {
    this.docs = new StateDocs(ctx.userDataDir)
    const doc = this.docs.load(DRILL_DOC)
    this.progress = parseProgress(doc)
    const open = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc.openSession : null
    this.session = typeof open === 'string' ? open : null
  }

  snapshot(): DrillSnapshot {
    return { progress: this.progress, session: this.session }
  }

  /** A drill session begins (at the level last passed), or the one under way goes on. */
  begin(): void {
    if (this.session !== null) return
    this.session = isoUtc(this.ctx.clock.now())
    this.progress = startSession(this.progress)
    this.save()
    this.changed()
  }

  /** One finished trial: recorded with the ladder's verdict, and the next level chosen. */
  apply(result: DrillTrialResult): TrialProgression {
    this.begin()
    const from = this.progress.current
    const now = this.ctx.clock.now()
    const applied = applyTrial(this.progress, result, this.session!, isoUtc(now))
    this.progress = applied.progress
    this.save()
    // The trial's start and end (with its sway) are recorded by the trial; this adds the verdict.
    this.ctx.session().event(now, 'drill-trial', {
      phase: 'result',
      trialId: result.id,
      stance: result.stance,
      errors: result.errors,
      level: from + 1,
      passed: applied.passed,
      step: applied.step,
      nextLevel: applied.progress.current + 1
    })
    this.changed()
    return {
      record: applied.record,
      passed: applied.passed,
      step: applied.step,
      from,
      to: applied.progress.current
    }
  }

  /** The drill session is over (the next one starts again from the level last passed). */
  end(): void {
    if (this.session === null) return
    this.session = null
    this.save()
    this.changed()
  }

  private save(): void {
    const doc = { ...(toJson(this.progress) as object), openSession: this.session }
    try {
      this.docs.save(DRILL_DOC, doc as never)
    } catch (err) {
      console.error(`drill: could not save the progress: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
}
