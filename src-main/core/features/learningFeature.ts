/**
 * The learner as a feature (issue 16, items 4 and 6): it keeps the model in
 * `<userData>/learning-model.json` (learning/store.ts: versioned, written atomically), owns
 * `learning:summary` (the "What works for you" screen), `learning:reset` and `learning:export`
 * (Settings), and offers the LearnerService the session engine calls (featureContext.ts).
 *
 * The model is read at start-up so an unreadable or newer-version file is reported at launch:
 * store.ts sets it aside as a backup, learning starts again from the priors and the person gets
 * a `learning-reset` / `learning-newer` notice. A file that cannot even be opened (permissions)
 * is left alone: the learner then works from the priors in memory and never writes over it.
 *
 * Settings -> learner: `learning.adaptive` off = the plain rule from the measured state;
 * `learning.allowControl` off = the sit-quietly control is never offered. Only options whose
 * protocol exists in this build are proposed or accepted (learning/optionProtocols.ts).
 *
 * Every change is queued, so two quick calls never write the file in the wrong order.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { choose, chooseManually, recordOutcome, summary } from '../../learning/engine'
import { emptyModel, type LearnerModel } from '../../learning/model'
import type { LearnerSettings } from '../../learning/options'
import { availableOptions, protocolAvailable } from '../../learning/optionProtocols'
import { exportModel, loadModel, resetModel, saveModel } from '../../learning/store'
import type { Settings } from '../../shared/settings'
import type { LearningSummary } from '../../shared/learning'
import type { FeatureFactory, LearnerService } from './featureContext'

/** Only options whose protocol exists in this build (learning/optionProtocols.ts). */
export function learnerSettings(s: Settings): LearnerSettings {
  return {
    adaptive: s.learning.adaptive,
    controlOptOut: !s.learning.allowControl,
    resonanceAvailable: protocolAvailable('resonance'),
    available: availableOptions()
  }
}

/** Seed of the summary's Monte Carlo: the same model always shows the same percentages. */
const SUMMARY_SEED = 1

export function summarize(model: LearnerModel, s: Settings, nowMs: number): LearningSummary {
  const ls = learnerSettings(s)
  return {
    adaptive: ls.adaptive,
    allowControl: !ls.controlOptOut,
    decisions: model.decisions.length,
    states: (['high', 'low'] as const).map((state) => summary(model, state, ls, nowMs, SUMMARY_SEED))
  }
}

const stamp = (nowMs: number): string => new Date(nowMs).toISOString().replace(/[:.]/g, '-')

export const learningFeature: FeatureFactory = (ctx) => {
  const folder = ctx.userDataDir
  const now = (): number => ctx.clock.now()
  let model: LearnerModel | null = null
  /** False when the file could not be opened at all: never write over what may still be there. */
  let writable = true
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<LearnerModel> {
    if (model) return model
    try {
      // A different seed per person (the creation time) so people do not share one random stream.
      const loaded = await loadModel(folder, now(), now() >>> 0)
      model = loaded.model
      if (loaded.notice) {
        const { kind, backupPath, reason } = loaded.notice
        console.warn(`learning-model.json: ${reason}; kept at ${backupPath}`)
        ctx.notice({
          id: `learning-reset-${now()}`,
          kind: kind === 'corrupt' ? 'learning-reset' : 'learning-newer',
          backupPath,
          reason
        })
      }
    } catch (err) {
      console.warn(`learning-model.json could not be opened (${(err as Error).message}); using the priors`)
      writable = false
      model = emptyModel(now(), now() >>> 0)
    }
    return model
  }

  /** Runs `change` after every earlier one, saving the model it returns. */
  function change<T>(fn: (m: LearnerModel) => { model: LearnerModel; result: T }): Promise<T> {
    const next = queue.then(async () => {
      const { model: updated, result } = fn(await load())
      if (writable) await saveModel(folder, updated)
      model = updated
      return result
    })
    queue = next.catch(() => undefined)
    return next
  }

  const settings = (): LearnerSettings => learnerSettings(ctx.settings.get())

  const learner: LearnerService = {
    prescribe: (context, decisionId) =>
      change((m) => {
        const r = choose(m, context, settings(), now(), decisionId)
        return { model: r.model, result: r.decision }
      }),
    personChose: (decisionId, option) =>
      change((m) => {
        const r = chooseManually(m, decisionId, option, settings(), now())
        return { model: r.model, result: r.decision }
      }),
    outcome: (decisionId, outcome) =>
      change((m) => {
        const r = recordOutcome(m, decisionId, outcome, now())
        return { model: r.model, result: { decision: r.decision, feedback: r.feedback } }
      }),
    sessionDecisions: async (sessionId) => {
      await queue
      return (await load()).decisions.filter((d) => d.id.startsWith(`${sessionId}:`))
    }
  }

  return {
    learner,
    async start() {
      await load()
    },
    handlers: {
      'learning:summary': async () => {
        await queue
        return summarize(await load(), ctx.settings.get(), now())
      },
      'learning:reset': async () => {
        const next = queue.then(async () => {
          await load()
          const r = await resetModel(folder, now(), now() >>> 0)
          model = r.model
          writable = true
          return { backupPath: r.backupPath, summary: summarize(r.model, ctx.settings.get(), now()) }
        })
        queue = next.catch(() => undefined)
        return next
      },
      'learning:export': async () => {
        const dest = ctx.dialogs ? await ctx.dialogs.chooseExportDirectory() : null
        if (!dest) return { path: null }
        await queue
        const path = join(dest, `limbic-learning-model-${stamp(now())}.json`)
        // 'wx': never replace a file the person already has there.
        await writeFile(path, exportModel(await load()), { encoding: 'utf8', flag: 'wx' })
        return { path }
      }
    }
  }
}
