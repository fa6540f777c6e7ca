/**
 * The session flow's side of the learner (issue 16): what the flow engine asks and tells
 * `ctx.learner()` (learningFeature.ts), kept apart so flowEngine.ts stays about the flow.
 *
 * - At the prescription (a usable check-in, over- or under-aroused) it builds the learner's
 *   context - the measured state and score, the local hour, whether a balance drill can follow (a
 *   balance board is connected), super-oxygenation's safety check ('passed' once the person
 *   opted in after a screening with no contraindication, else 'not-done'; the learner then never
 *   sees it), and 'tired' from the self-report - and asks for a proposal. No learner, or no
 *   option it may propose (under-aroused without the safety check in a build without the
 *   energising protocol), or an error in the learner: no proposal, the plain rule applies.
 * - The decision id is `<session id>:<check-in id>`, so a session's decisions are found again
 *   (decisions.csv) after a relaunch.
 * - Outcomes: the re-check's change in arousal score (the verdict's dScore when the re-check was
 *   judged, else re-check score minus check-in score), then the block's minutes, its error and
 *   frustration tally and the focus rating. After each, `<session folder>/decisions.csv` is
 *   rewritten with every decision of that session.
 * How errors count (issue 16, item 2): the block's errors are the timer's "I made an error" marks,
 *   its frustrations the "frustrated" marks (sessionEngine.ts blockTally). In a sustained block
 *   (>= 75 % of the planned minutes) each adds +0.1 to the block's reward, at most +0.5 - errors
 *   while persisting are the learning signal, so many logged errors never make a bad block; in a
 *   block abandoned early only frustrations count, -0.25 each, at most -1 (learning/reward.ts).
 * A learner failure never stops the session: it is logged and the flow goes on without it.
 */
import { join } from 'node:path'
import type { CheckInResult } from '../../shared/arousal'
import type { LearningTrack, Flow, Proposal } from '../../shared/flowMachine'
import type { Dose } from '../../shared/flowMachine'
import type { LearnState, OptionId } from '../../shared/learning'
import type { ProtocolName } from '../../shared/session'
import type { RecheckOutcome } from '../../shared/verdict'
import { writeDecisionsCsv } from '../../learning/decisionsCsv'
import { reasonValues } from '../../learning/engine'
import { optionOf, runnableProtocol } from '../../learning/optionProtocols'
import { eligibleOptions, type ChoiceContext } from '../../learning/options'
import { recheckReward } from '../../learning/reward'
import { learnerSettings } from '../features/learningFeature'
import { sessionsRoot } from '../features/sessionFeature'
import type { FeatureContext } from '../features/featureContext'

const warn = (what: string, err: unknown): void =>
  console.warn(`learner: ${what}: ${err instanceof Error ? err.message : String(err)}`)

export class LearnerWiring {
  constructor(private readonly ctx: FeatureContext) {}

  /** The learner's proposal for this check-in, or null (the plain rule applies). */
  async propose(result: CheckInResult, score: number, state: LearnState): Promise<Proposal | null> {
    const learner = this.ctx.learner()
    if (!learner) return null
    const settings = this.ctx.settings.get()
    const nowMs = this.ctx.clock.now()
    const context: ChoiceContext = {
      state,
      score,
      localHour: new Date(nowMs).getHours(),
      drillFollows: this.ctx.devices.activeSource('balance') !== null,
      safety: settings.superOxygenation.optedIn ? 'passed' : 'not-done',
      tired: result.selfReport === 'tired'
    }
    const ls = learnerSettings(settings)
    if (eligibleOptions(context, ls).length === 0) return null
    const sessionId = this.ctx.session().activeId()
    try {
      const d = await learner.prescribe(context, `${sessionId ?? 'no-session'}:${result.id}`)
      const run = runnableProtocol(d.chosen)
      if (!run) throw new Error(`proposed ${d.chosen}, which this build cannot run`)
      const alternatives = eligibleOptions(context, ls)
        .filter((o) => o !== d.chosen)
        .flatMap((option) => {
          const r = runnableProtocol(option)
          return r ? [{ option, ...r }] : []
        })
      await this.writeDecisions(sessionId)
      return {
        option: d.chosen,
        ...run,
        decisionId: d.id,
        reason: {
          key: d.reasonKey,
          pct: d.reasonKey === 'learning.reason.best-so-far' ? reasonValues(d).pct : null
        },
        alternatives
      }
    } catch (err) {
      warn('no proposal', err)
      return null
    }
  }

  /**
   * The option the person's pick stands for, after the learner accepted it; null when there is
   * no decision to tell (or the pick goes to the super-oxygenation screening first, see
   * flowEngine.choose). Throws when the learner refuses: nothing changes then.
   */
  async personChose(flow: Flow, protocol: ProtocolName, dose: Dose): Promise<OptionId | null> {
    const p = flow.prescription
    const learner = this.ctx.learner()
    const option = optionOf(protocol, dose)
    if (!p?.proposal || !flow.learning || !learner) return option
    if (option === null || runnableProtocol(option) === null)
      throw new Error(`${protocol} (${dose}) is not a practice Limbic offers in this build`)
    if (option === (p.chosenOption ?? p.proposal.option)) return option
    // From the gate (after a practice and its re-check, usable or not) the decision's choice is
    // what was done: a different practice now is not learned from.
    if (flow.learning.recheckDone || flow.step === 'gate') return null
    const toScreening = protocol === 'super-oxygenation' && !this.ctx.settings.get().superOxygenation.optedIn
    try {
      await learner.personChose(flow.learning.decisionId, option)
    } catch (err) {
      if (toScreening) return null
      throw new Error(`Cannot switch to ${protocol}: ${err instanceof Error ? err.message : String(err)}`)
    }
    await this.writeDecisions(flow.learning.sessionId)
    return option
  }

  /** The re-check's outcome; null when it could not be recorded (no usable score, an error). */
  async recheckOutcome(
    track: LearningTrack,
    result: CheckInResult,
    judged: RecheckOutcome | null
  ): Promise<{ dScore: number; reward: number } | null> {
    const learner = this.ctx.learner()
    if (!learner) return null
    const dScore =
      judged?.change?.dScore ??
      (result.usable && result.arousal ? result.arousal.score - track.checkInScore : null)
    if (dScore === null || !Number.isFinite(dScore)) return null
    try {
      const r = await learner.outcome(track.decisionId, { stage: 'recheck', dScore })
      await this.writeDecisions(track.sessionId)
      return { dScore, reward: r.decision.recheck?.reward ?? recheckReward(r.decision.context.state, dScore) }
    } catch (err) {
      warn('re-check outcome not recorded', err)
      return null
    }
  }

  /** The block's outcome with its focus rating; the after-session line, or null. */
  async blockOutcome(
    track: LearningTrack,
    rating: number | null
  ): Promise<{ key: string; option: OptionId } | null> {
    const learner = this.ctx.learner()
    if (!learner || !track.block) return null
    try {
      const r = await learner.outcome(track.decisionId, { stage: 'block', focus: rating, ...track.block })
      await this.writeDecisions(track.sessionId)
      return { key: r.feedback.key, option: r.feedback.values.option }
    } catch (err) {
      warn('block outcome not recorded', err)
      return null
    }
  }

  /** Rewrites `<session folder>/decisions.csv` with every decision of the session. */
  async writeDecisions(sessionId: string | null): Promise<void> {
    const learner = this.ctx.learner()
    if (!learner || sessionId === null) return
    try {
      const decisions = await learner.sessionDecisions(sessionId)
      if (decisions.length > 0) await writeDecisionsCsv(join(sessionsRoot(this.ctx), sessionId), decisions)
    } catch (err) {
      warn(`decisions.csv of ${sessionId} not written`, err)
    }
  }
}
