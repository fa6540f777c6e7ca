/**
 * `learn <sessions-folder> [--json] [--seed N]`: replays every recorded session in the folder
 * through the learning engine (src-main/learning) and prints what it learned: per state and
 * option, the estimated effect with its 90 % interval, the sessions behind it and the probability
 * it is this person's best - so a person or a researcher can check the learner on their own files.
 *
 * Sessions recorded so far carry no learner decisions, so each is derived from session.json:
 *   state         prescription.state ('high' / 'low'; 'optimal' needs no protocol -> not used)
 *   option        prescription.chosen with its dose: sigh + full -> sigh-standard, sigh + short ->
 *                 sigh-short, super-oxygenation -> super-oxygenation (it was only ever offered
 *                 after its safety check passed, so the replay records the check as passed),
 *                 any other protocol (panoramic-vision, nsdr...) -> the option of the same name
 *   chosen by     'rule' when it is what the plain rule gives, else 'person'
 *   context       score of the check-in's arousal estimate, local hour of the start (this
 *                 machine's time zone), a drill follows when the session logged drill trials
 *   re-check      dScore = re-check score - check-in score (the stage-1 reward; the verdict
 *                 layer's uncertainty is not in these files)
 *   block         not recorded in this format (no end-of-block focus rating): none
 * A session is NOT used (listed with the reason) when session.json cannot be read, there is no
 * prescription, the state was optimal, the protocol was not completed, or the check-in or the
 * re-check has no arousal score. Used sessions are listed with what was missing.
 *
 * --json prints one object: {"folder","sessions","used","skipped":[{"id","reason"}],
 *   "partial":[{"id","missing"}],"estimates":{"high":Summary,"low":Summary}} where Summary is
 *   learning/engine.ts's WhatWorksSummary (effects in smallest-worthwhile-change units).
 * Exit 1 when the folder cannot be read; 2 on bad usage.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  chooseManually,
  choose,
  recordOutcome,
  summary as whatWorks,
  type WhatWorksSummary
} from '../../learning/engine'
import { emptyModel, type LearnerModel } from '../../learning/model'
import type { ChoiceContext, LearnerSettings, OptionId } from '../../learning/options'
import { parseSessionMeta, type SessionMeta } from '../../session/sessionMeta'
import { META_FILE } from '../../session/tables'
import { parseArgs, type CliIo } from '../io'

export const summary = 'What the learner makes of recorded sessions: per-option estimates (--json)'

const HELP = `Usage: npm run cli -- learn <sessions-folder> [--json] [--seed N]
  <sessions-folder>  the folder holding one sub-folder per session (each with session.json)
  --json             print one JSON object (see the command's source header)
  --seed N           seed of the learner's draws (default 1); the result is the same for the same seed`

// Every protocol a session may have recorded is replayed as its option (resonance included).
const REPLAY_SETTINGS: LearnerSettings = { adaptive: false, controlOptOut: true, resonanceAvailable: true }

export type ReplayPlan =
  | {
      ok: true
      id: string
      startMs: number
      context: ChoiceContext
      option: OptionId
      dScore: number
      missing: string[]
    }
  | { ok: false; id: string; startMs: number; reason: string }

/** What a recorded session gives the learner (see the header), or why it gives nothing. */
export function planReplay(meta: SessionMeta): ReplayPlan {
  const base = { id: meta.id, startMs: meta.startMs }
  const p = meta.prescription
  if (!p) return { ...base, ok: false, reason: 'no prescription (the session stopped before one was given)' }
  if (p.state === 'optimal')
    return { ...base, ok: false, reason: 'state was optimal: no protocol to learn from' }
  if (p.state !== 'high' && p.state !== 'low')
    return { ...base, ok: false, reason: `unknown state ${String(p.state)}` }
  const name = p.chosen ?? p.prescribed
  if (!name) return { ...base, ok: false, reason: 'no protocol was chosen' }
  if (!meta.protocolDone?.completed) return { ...base, ok: false, reason: 'protocol not completed' }
  // Every other protocol is the learner option of the same name.
  const option: OptionId = name === 'sigh' ? (p.dose === 'short' ? 'sigh-short' : 'sigh-standard') : name
  const checkIn = meta.checkIns.find((c) => c.kind === 'check-in' && c.arousal)
  const recheck = [...meta.checkIns].reverse().find((c) => c.kind === 're-check' && c.arousal)
  if (!checkIn?.arousal) return { ...base, ok: false, reason: 'no check-in with an arousal score' }
  if (!recheck?.arousal) return { ...base, ok: false, reason: 'no re-check with an arousal score' }
  const drills = meta.stats?.eventsByType?.['drill-trial'] ?? 0
  return {
    ...base,
    ok: true,
    option,
    context: {
      state: p.state,
      score: checkIn.arousal.score,
      localHour: new Date(meta.startMs).getHours(),
      drillFollows: drills > 0,
      safety: option === 'super-oxygenation' ? 'passed' : 'not-done',
      tired: false
    },
    dScore: recheck.arousal.score - checkIn.arousal.score,
    missing: [
      'block outcome (no focus rating in this format)',
      're-check uncertainty (score difference used)'
    ]
  }
}

export interface LearnReport {
  folder: string
  sessions: number
  used: number
  skipped: { id: string; reason: string }[]
  partial: { id: string; missing: string[] }[]
  estimates: { high: WhatWorksSummary; low: WhatWorksSummary }
}

export async function learnFromFolder(folder: string, seed = 1): Promise<LearnReport> {
  const entries = await readdir(folder, { withFileTypes: true })
  const plans: ReplayPlan[] = []
  for (const e of entries) {
    if (!e.isDirectory()) continue
    let text: string
    try {
      text = await readFile(join(folder, e.name, META_FILE), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue // not a session folder
      plans.push({
        ok: false,
        id: e.name,
        startMs: 0,
        reason: `session.json unreadable: ${(err as Error).message}`
      })
      continue
    }
    const parsed = parseSessionMeta(text)
    plans.push(
      parsed.ok ? planReplay(parsed.meta) : { ok: false, id: e.name, startMs: 0, reason: parsed.problem }
    )
  }
  plans.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id))
  let model: LearnerModel = emptyModel(plans[0]?.startMs ?? 0, seed)
  const report: LearnReport = {
    folder,
    sessions: plans.length,
    used: 0,
    skipped: [],
    partial: [],
    estimates: null!
  }
  let lastMs = 0
  for (const plan of plans) {
    if (!plan.ok) {
      report.skipped.push({ id: plan.id, reason: plan.reason })
      continue
    }
    const c = choose(model, plan.context, REPLAY_SETTINGS, plan.startMs, plan.id)
    model = c.model
    if (c.decision.chosen !== plan.option)
      model = chooseManually(model, plan.id, plan.option, REPLAY_SETTINGS, plan.startMs).model
    model = recordOutcome(model, plan.id, { stage: 'recheck', dScore: plan.dScore }, plan.startMs).model
    report.used++
    report.partial.push({ id: plan.id, missing: plan.missing })
    lastMs = Math.max(lastMs, plan.startMs)
  }
  report.estimates = {
    high: whatWorks(model, 'high', REPLAY_SETTINGS, lastMs, seed),
    low: whatWorks(model, 'low', REPLAY_SETTINGS, lastMs, seed)
  }
  return report
}

const r2 = (x: number): number => Math.round(x * 100) / 100

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP)
    return 0
  }
  let opts: ReturnType<typeof parseArgs>
  try {
    opts = parseArgs(args, { values: ['seed'], flags: ['json'] })
  } catch (err) {
    io.err(`${(err as Error).message}\n${HELP}`)
    return 2
  }
  const seed = opts.values.seed === undefined ? 1 : Number(opts.values.seed)
  if (opts.positionals.length !== 1 || !Number.isInteger(seed) || seed < 0) {
    io.err(HELP)
    return 2
  }
  let report: LearnReport
  try {
    report = await learnFromFolder(opts.positionals[0]!, seed)
  } catch (err) {
    io.err(`Cannot read the sessions folder: ${(err as Error).message}`)
    return 1
  }
  if (opts.flags.has('json')) {
    io.out(JSON.stringify(report))
    return 0
  }
  io.out(
    `${report.sessions} sessions in ${report.folder}; ${report.used} used, ${report.skipped.length} not used.`
  )
  for (const s of report.skipped) io.out(`  not used: ${s.id} - ${s.reason}`)
  if (report.used) io.out(`  every used session lacks: ${report.partial[0]!.missing.join('; ')}`)
  for (const state of ['high', 'low'] as const) {
    const e = report.estimates[state]
    io.out(
      `\n${state === 'high' ? 'Over-aroused' : 'Under-aroused'}: ${e.stillLearning ? 'still learning' : `best for you: ${e.best}`}`
    )
    for (const o of e.options)
      io.out(
        `  ${o.option.padEnd(18)} effect ${r2(o.mean)} (90 %: ${r2(o.low90)} to ${r2(o.high90)}), ` +
          `${o.sessions} session${o.sessions === 1 ? '' : 's'}${o.pBest === null ? '' : `, ${Math.round(100 * o.pBest)} % likely best`}`
      )
  }
  return 0
}
