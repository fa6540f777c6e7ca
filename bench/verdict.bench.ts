/**
 * `npm run bench -- verdict`: how often the verdicts are right on simulated people (issue 15,
 * item 6; see verdictStudy.ts for the set-up). Figures, not pass/fail - the unit test
 * src-main/signal/verdictStudy.test.ts asserts the targets on a fixed subset of these seeds.
 */
import { confusionLines, runRecheckStudy, runStateStudy, type RecheckStudy } from './verdictStudy'

const SEEDS_PER_STATE = 100
const RUNS_PER_KIND = 100

const pct = (k: number, n: number): string => `${((100 * k) / n).toFixed(1)} %`

function tally(t: RecheckStudy['change']): string {
  const n = Object.values(t).reduce((a, b) => a + (b ?? 0), 0)
  return (['toward', 'no-clear-change', 'away', 'unmeasured'] as const)
    .map((k) => `${k} ${t[k] ?? 0}/${n}`)
    .join(', ')
}

export default async function (): Promise<void> {
  const s = runStateStudy(SEEDS_PER_STATE)
  console.log(`State verdict after a 7-day calibration week, ${SEEDS_PER_STATE} simulated people per state:`)
  for (const line of confusionLines(s)) console.log(`  ${line}`)
  const sorted = [...s.lengthsS].sort((a, b) => a - b)
  console.log(
    `  right ${s.right}/${s.runs} (${pct(s.right, s.runs)}; target >= 95 %), firm ${s.firm}, firmly wrong ${s.firmlyWrong} (target 0)`
  )
  console.log(
    `  adaptive check-in length: median ${sorted[sorted.length >> 1]} s, max ${sorted[sorted.length - 1]} s; ` +
      `stops: ${Object.entries(s.stopReasons)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`
  )
  console.log(
    `  same check-ins against population norms: firm ${s.populationFirm} (target 0), right ${s.populationRight}/${s.runs}`
  )
  const r = runRecheckStudy(RUNS_PER_KIND)
  console.log(`Re-check vs check-in (90 s each, 5 min apart), ${RUNS_PER_KIND} runs per kind:`)
  console.log(
    `  wired, real change (HR ${r.meanDHrBpm.toFixed(1)} bpm, RMSSD +${r.meanDRmssdPct.toFixed(0)} % on average): ${tally(r.change)}  (target toward >= 90 %)`
  )
  console.log(`  wired, no change: ${tally(r.noChange)}  (target toward <= 5 %)`)
  console.log(`  flat, super-oxygenation (rise expected): ${tally(r.energized)}`)
  console.log(
    `  claimed vs seen spread of no-change deltas: dHR se ${r.meanSeDHrBpm.toFixed(2)} vs sd ${r.sdDHrNoChangeBpm.toFixed(2)} bpm; ` +
      `dlnRMSSD se ${r.meanSeDLn.toFixed(3)} vs sd ${r.sdDLnNoChange.toFixed(3)}`
  )
  // Where the limits are: milder states and a smaller change (not targets; for reading the rules).
  // With half the offset the label is only nominal: the day's own wobble (sd 0.03) can leave a
  // "mildly wired" person +0.06 arousal (HR ~+3 bpm) above their normal, i.e. inside their own
  // range - the firm "optimal" verdicts for mild states came from such days (net +0.06..+0.11).
  const mild = runStateStudy(SEEDS_PER_STATE, 1, 0.5)
  console.log(`Harder: milder wired/flat (half the offset, ~ +/-5.5 bpm), ${SEEDS_PER_STATE} per state:`)
  for (const line of confusionLines(mild)) console.log(`  ${line}`)
  console.log(
    `  right ${mild.right}/${mild.runs} (${pct(mild.right, mild.runs)}), firm ${mild.firm}, firmly wrong ${mild.firmlyWrong}`
  )
  const small = runRecheckStudy(RUNS_PER_KIND, 1, 0.5)
  console.log(
    `Harder: half the change (HR ${small.meanDHrBpm.toFixed(1)} bpm, RMSSD +${small.meanDRmssdPct.toFixed(0)} %): ${tally(small.change)}`
  )
}
