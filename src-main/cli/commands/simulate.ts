/**
 * `simulate --seconds 10 [--seed 1] [--arousal 0.5] [--json]`: runs the simulated strap through
 * the real 0x2A37 parsing path in virtual time (instantly) and prints the beats that came out.
 */
import { hrBpmFromRrMs } from '../../shared/perMinute'
import { ManualClock } from '../../devices/clock'
import type { BeatSample } from '../../devices/dataSource'
import { SimulatorSource } from '../../devices/sim/simulatorSource'
import { parseArgs, type CliIo } from '../io'

export const summary = 'Run the built-in simulator (virtual time) and print the beats it produced'

const HELP = `Usage: npm run cli -- simulate [--seconds N] [--seed N] [--arousal 0..1] [--json]
  --seconds  how long to simulate (default 10)
  --seed     random seed; the same seed gives the same beats (default 1)
  --arousal  0 = flat, 0.5 = optimal, 1 = anxious (default 0.5)
  --json     print one JSON object {seconds, seed, arousal, notifications, beats:[{tS, rrMs, hrBpm}]}`

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help')) {
    io.out(HELP)
    return 0
  }
  const { values, flags } = parseArgs(args, { values: ['seconds', 'seed', 'arousal'], flags: ['json'] })
  const seconds = numberArg(values.seconds ?? '10', 'seconds', 1, 24 * 3600)
  const seed = numberArg(values.seed ?? '1', 'seed', 0, 2 ** 32 - 1)
  const arousal = numberArg(values.arousal ?? '0.5', 'arousal', 0, 1)

  const clock = new ManualClock(0)
  const source = new SimulatorSource({ clock, seed, arousal })
  const beats: BeatSample[] = []
  let notifications = 0
  source.onSample((s) => {
    if (s.type === 'beat') beats.push(s)
    if (s.type === 'hr') notifications++
  })
  await source.connect()
  await source.start()
  clock.advance(seconds * 1000)
  await source.dispose()

  const rows = beats.map((b) => ({
    tS: round(b.tMs / 1000, 4),
    rrMs: b.rrMs,
    hrBpm: round(hrBpmFromRrMs(b.rrMs), 1)
  }))
  if (flags.has('json')) {
    io.out(JSON.stringify({ seconds, seed, arousal, notifications, beats: rows }))
  } else {
    io.out(`${rows.length} beats from ${notifications} notifications in ${seconds} s (seed ${seed})`)
    for (const r of rows)
      io.out(`${r.tS.toFixed(3).padStart(10)} s  RR ${r.rrMs.toFixed(1).padStart(7)} ms  ${r.hrBpm} bpm`)
  }
  return 0
}

function numberArg(text: string, name: string, min: number, max: number): number {
  const v = Number(text)
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(`--${name} must be a number from ${min} to ${max}, got "${text}"`)
  return v
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
