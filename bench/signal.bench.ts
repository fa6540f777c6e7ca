/**
 * Cost of the signal core (issue 5): per-beat update of the rolling estimators, and the full
 * analysis of the 60-minute recording (pyhrv_SampleNNISeriesLong.txt, 4,684 beats): parse +
 * Lipponen-Tarvainen correction + HRV metrics + breathing rate over 60 s windows, i.e. what
 * `npm run cli -- analyze <file> --json` computes. Anchor: hrv-analysis (Python) needs ~5 ms for
 * outlier removal + Malik ectopic filter + time domain on that file; target <= 1.5 ms median (issue 20). Then the
 * same analysis of synthetic 1 min / 1 h / 24 h recordings, to show it stays linear in beats.
 */
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeRr } from '../src-main/cli/commands/analyze'
import { RollingRespiration } from '../src-main/signal/respiration'
import { RollingHrv } from '../src-main/signal/rollingHrv'
import { IncrementalRrCleaner } from '../src-main/signal/rrCleaning'
import { parseRrText } from '../src-main/signal/rrFile'
import { printRuns } from './runs'
import { printFigure, summarize } from './stats'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const LONG = 'pyhrv_SampleNNISeriesLong.txt'

/** Per-call cost in microseconds: calls 0..n/10 warm up, the rest are timed (indices run on). */
function perCallUs(n: number, fn: (i: number) => void): number {
  const warm = Math.floor(n / 10)
  for (let i = 0; i < warm; i++) fn(i)
  const t0 = process.hrtime.bigint()
  for (let i = warm; i < n; i++) fn(i)
  return Number(process.hrtime.bigint() - t0) / 1000 / (n - warm)
}

/** A plausible RR stream: 850 ms, RSA, slow wave, jitter, a missed beat every 500. */
function rrStream(n: number): number[] {
  const out: number[] = []
  let t = 0
  for (let i = 0; i < n; i++) {
    let rr =
      850 + 40 * Math.sin((2 * Math.PI * 0.25 * t) / 1000) + 15 * Math.sin((2 * Math.PI * 0.01 * t) / 1000)
    rr += 5 * Math.sin(i * 2.7)
    if (i % 500 === 250) rr *= 2
    out.push(rr)
    t += rr
  }
  return out
}

/** A synthetic recording of `seconds` as analyze reads it: ~80 bpm, RSA, slow wave, missed beats. */
function recordingText(seconds: number): { text: string; beats: number } {
  const out: string[] = []
  let t = 0
  for (let i = 0; t < seconds * 1000; i++) {
    let rr =
      750 + 40 * Math.sin((2 * Math.PI * 0.25 * t) / 1000) + 15 * Math.sin((2 * Math.PI * 0.01 * t) / 1000)
    rr += 5 * Math.sin(i * 2.7)
    if (i % 500 === 250) rr *= 2
    out.push(String(Math.round(rr)))
    t += rr
  }
  return { text: out.join('\n') + '\n', beats: out.length }
}

/**
 * Scale (issue 19): the full analysis (`analyze --json`) of 1 minute, 1 hour and 24 hours
 * (115,000 beats); per-beat cost should stay flat (linear in beats). Median, minimum, runs.
 */
function scaleFigures(): number {
  let sink = 0
  for (const [label, seconds, runs] of [
    ['1 min', 60, 200],
    ['1 h', 3600, 30],
    ['24 h', 86_400, 7]
  ] as const) {
    const { text, beats } = recordingText(seconds)
    for (let i = 0; i < 2; i++)
      sink += analyzeRr(text, { windowS: 60, raw: false, windowHrv: false }).metrics.beats
    const xs: number[] = []
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint()
      sink += analyzeRr(text, { windowS: 60, raw: false, windowHrv: false }).metrics.beats
      xs.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    const p50 = summarize(xs).p50
    printFigure(
      `full analysis, ${label} (${beats} beats)`,
      p50,
      'ms median',
      `min ${Math.min(...xs).toFixed(2)} ms, ${runs} runs, ${((p50 * 1000) / beats).toFixed(2)} us/beat`
    )
  }
  return sink
}

export default async function (): Promise<void> {
  const load = loadavg()
  console.log(
    `(machine: ${availableParallelism()} cores, load average ${load.map((l) => l.toFixed(1)).join(' ')}; ` +
      'figures scale with load on a shared machine)'
  )
  const stream = rrStream(200_000)
  const times: number[] = []
  let t = 0
  for (const rr of stream) times.push((t += rr))

  const hrv = new RollingHrv()
  printFigure(
    'RollingHrv.push (60 s window)',
    perCallUs(stream.length, (i) => hrv.push(times[i]!, stream[i]!)),
    'us/beat'
  )
  const hrv2 = new RollingHrv()
  let sink = 0
  printFigure(
    'RollingHrv.push + metrics() every beat',
    perCallUs(stream.length, (i) => {
      hrv2.push(times[i]!, stream[i]!)
      sink += hrv2.metrics()?.rmssdMs ?? 0
    }),
    'us/beat'
  )
  const cleaner = new IncrementalRrCleaner()
  printFigure(
    'IncrementalRrCleaner.push',
    perCallUs(stream.length, (i) => {
      sink += cleaner.push(stream[i]!).length
    }),
    'us/beat'
  )
  const resp = new RollingRespiration()
  printFigure(
    'RollingRespiration.push (60 s window)',
    perCallUs(stream.length, (i) => resp.push(times[i]!, stream[i]!)),
    'us/beat'
  )
  printFigure(
    'RollingRespiration.estimate() (60 s, ~70 beats)',
    perCallUs(2_000, () => {
      sink += resp.estimate()?.breathsPerMin ?? 0
    }),
    'us/call',
    'call it ~1/s, not per beat'
  )

  // Slow paced breathing (5.5/min): the adaptive window estimates twice, the second time over 8
  // breaths (~87 s, ~100 beats).
  const slow = new RollingRespiration()
  let ts = 0
  for (let i = 0; ts < 130_000; i++) {
    const rr = 900 + 60 * Math.sin((2 * Math.PI * 5.5 * ts) / 60_000) + 5 * Math.sin(i * 2.7)
    slow.push((ts += rr), rr)
  }
  printFigure(
    'RollingRespiration.estimate() (5.5/min, adaptive ~87 s)',
    perCallUs(2_000, () => {
      sink += slow.estimate()?.breathsPerMin ?? 0
    }),
    'us/call',
    'call it ~1/s, not per beat'
  )

  const file = [join(root, '../shared/data/rr', LONG), join(root, 'resources/fixtures/rr', LONG)].find((p) =>
    existsSync(p)
  )
  if (!file) {
    console.log(`full analysis: skipped (${LONG} is in neither ../shared/data/rr nor resources/fixtures/rr)`)
    return
  }
  const text = readFileSync(file, 'utf8')
  const n = parseRrText(text).rrMs.length
  for (let i = 0; i < 30; i++)
    sink += analyzeRr(text, { windowS: 60, raw: false, windowHrv: false }).metrics.rmssdMs // warm-up
  const samples: number[] = []
  for (let i = 0; i < 200; i++) {
    const t0 = process.hrtime.bigint()
    sink += analyzeRr(text, { windowS: 60, raw: false, windowHrv: false }).metrics.rmssdMs
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  printRuns(`full analysis of ${LONG} (${n} beats)`, samples, 'ms', {
    note: `p99 ${summarize(samples).p99.toFixed(2)} ms; parse + L-T correction + metrics + breathing; target <= 1.5 ms, hrv-analysis ~5 ms`
  })
  // Parts, to see where the time goes.
  const parts: [string, () => void][] = [
    ['  parse', () => (sink += parseRrText(text).rrMs.length)],
    [
      '  parse + correction + metrics (no breathing)',
      () => (sink += analyzeRr(text, { windowS: 0, raw: false }).metrics.beats)
    ],
    [
      '  full + rolling 60 s HRV rows (human-readable report)',
      () => (sink += analyzeRr(text, { windowS: 60, raw: false, windowHrv: true }).metrics.beats)
    ]
  ]
  for (const [name, fn] of parts) {
    for (let i = 0; i < 30; i++) fn()
    const xs: number[] = []
    for (let i = 0; i < 200; i++) {
      const t0 = process.hrtime.bigint()
      fn()
      xs.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    printFigure(name, summarize(xs).p50, 'ms p50')
  }
  sink += scaleFigures()
  if (sink === 42) console.log('') // keep the work observable
}
