/**
 * Resonance-frequency assessment (issue 17): how often the analysis finds a simulated person's
 * resonance frequency (within ±0.25 breaths/min) over 100 seeded people, and what it costs —
 * the analysis of one whole assessment (5 paced steps of 2 min, rests between), and one live
 * coherence value (64 s window), as the protocol screens will call them.
 */
import { availableParallelism, loadavg } from 'node:os'
import { SimulatedHeart } from '../src-main/devices/sim/simulatedHeart'
import { pacedBreathPattern } from '../src-main/shared/breathing'
import {
  analyzeResonanceAssessment,
  coherence,
  RESONANCE_RATES_BPM,
  resonanceStepTimings,
  type PacerStep
} from '../src-main/signal/resonance'
import { printFigure, summarize } from './stats'

const STEP_MS = 120_000
const REST_MS = 30_000
const PEOPLE = 100

function assessment(seed: number): {
  tMs: number[]
  rrMs: number[]
  steps: PacerStep[]
  resonanceBpm: number
} {
  const heart = new SimulatedHeart({ seed, arousal: 0.3 + 0.02 * (seed % 11) })
  const tMs: number[] = []
  const rrMs: number[] = []
  const steps: PacerStep[] = []
  const run = (untilMs: number): void => {
    while (heart.elapsedMs < untilMs) {
      const b = heart.nextBeat()
      tMs.push(b.tMs)
      rrMs.push(b.rrMs)
    }
  }
  for (const rate of RESONANCE_RATES_BPM) {
    heart.followPattern(null)
    run(heart.elapsedMs + REST_MS)
    const timing = resonanceStepTimings(rate)
    const startMs = heart.elapsedMs
    heart.followPattern(pacedBreathPattern(timing.inhaleMs, timing.exhaleMs))
    run(startMs + STEP_MS)
    steps.push({ breathsPerMin: rate, startMs, endMs: startMs + STEP_MS, ...timing })
  }
  return { tMs, rrMs, steps, resonanceBpm: heart.resonanceBpm }
}

export default async function (): Promise<void> {
  const load = loadavg()
  console.log(
    `(machine: ${availableParallelism()} cores, load average ${load.map((l) => l.toFixed(1)).join(' ')}; ` +
      'figures scale with load on a shared machine)'
  )
  const people = Array.from({ length: PEOPLE }, (_, i) => assessment(i + 1))
  let hits = 0
  let found = 0
  let sink = 0
  const analysisMs: number[] = []
  for (let round = 0; round < 3; round++) {
    for (const p of people) {
      const t0 = process.hrtime.bigint()
      const r = analyzeResonanceAssessment({ tMs: p.tMs, rrMs: p.rrMs }, p.steps)
      analysisMs.push(Number(process.hrtime.bigint() - t0) / 1e6)
      sink += r.confidence
      if (round > 0) continue
      if (r.status === 'found') found++
      if (r.rateBpm !== null && Math.abs(r.rateBpm - p.resonanceBpm) <= 0.25 + 1e-9) hits++
    }
  }
  printFigure(
    `resonance found within ±0.25/min (${PEOPLE} seeds)`,
    (100 * hits) / PEOPLE,
    '%',
    'target >= 90 %'
  )
  printFigure('results marked found (not unsure)', (100 * found) / PEOPLE, '%')
  const a = summarize(analysisMs.slice(PEOPLE)) // the first round warms up
  printFigure('analysis of one assessment (5 × 2 min)', a.p50, 'ms p50', `p99 ${a.p99.toFixed(2)} ms`)
  const p = people[0]!
  const coherenceMs: number[] = []
  for (let i = 0; i < 2000; i++) {
    const end = 200 + (i % 300)
    const t0 = process.hrtime.bigint()
    sink +=
      coherence({ tMs: p.tMs.slice(0, end), rrMs: p.rrMs.slice(0, end) }, { breathsPerMin: 6 })?.coherence ??
      0
    coherenceMs.push(Number(process.hrtime.bigint() - t0) / 1e3)
  }
  const c = summarize(coherenceMs.slice(200))
  printFigure(
    'coherence() (64 s window, incl. slicing)',
    c.p50,
    'us p50',
    `p99 ${c.p99.toFixed(1)} us; call ~1/s`
  )
  if (sink === 42) console.log('')
}
