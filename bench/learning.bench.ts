/**
 * `npm run bench -- learning`: the learner on simulated people (issue 16, item 5; set-up in
 * src-main/learning/simulate.ts). Figures, not pass/fail - learning.test.ts asserts the learning
 * curve on a smaller fixed-seed run.
 */
import { DEFAULT_LEARNER_SETTINGS } from '../src-main/learning/options'
import { CLEAR_GAP, runStudy, stillLearningWhenEqual } from '../src-main/learning/simulate'

const PEOPLE = 100
const SESSIONS = 40
const CHECKPOINTS = [1, 10, 20, 40]

const pct = (x: number): string => `${(100 * x).toFixed(0)} %`

export default async function (): Promise<void> {
  const r = runStudy(PEOPLE, SESSIONS, CHECKPOINTS, DEFAULT_LEARNER_SETTINGS)
  console.log(
    `${PEOPLE} simulated people x ${SESSIONS} daily sessions (60 % over-aroused days), adaptive on, control 12 %:`
  )
  console.log(`  engine's "most likely best" is the person's truly best option (of those offered that day):`)
  for (const k of CHECKPOINTS)
    console.log(
      `    session ${String(k).padStart(2)}: ${pct(r.recommendsBestAt[k]!)} of people` +
        ` (${pct(r.recommendsBestClearAt[k]!)} when the best is >= ${CLEAR_GAP} SWC ahead of the runner-up);` +
        ` proposal is the best with probability ${pct(r.proposesBestAt[k]!)}` +
        (k === 20 ? '   [target >= 80 % at 20]' : '')
    )
  console.log(
    `  cumulative regret over ${SESSIONS} sessions (true effect, SWC units, mean per person):` +
      ` engine ${r.meanRegretVsBest.toFixed(1)} (of which the sit-quietly control ${r.meanRegretFromControl.toFixed(1)},` +
      ` ${pct(r.controlShare)} of sessions), always-best 0, fixed rule "always sigh / super-oxygenation if safe" ${r.meanRegretOfAlwaysSigh.toFixed(1)}`
  )
  const equal = stillLearningWhenEqual(PEOPLE, SESSIONS, DEFAULT_LEARNER_SETTINGS, 1000)
  console.log(
    `  no real difference between the options (${PEOPLE} people, ${SESSIONS} over-aroused sessions):` +
      ` "still learning" shown at the end for ${pct(equal)} (a "best for you" claim for ${pct(1 - equal)})`
  )
}
