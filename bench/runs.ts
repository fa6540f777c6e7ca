/**
 * Repeated measurements printed as "median (min, runs)", so a figure taken on a shared, noisy
 * machine shows its spread: the median is the typical cost, the minimum the cost without
 * interference, and the run count how much to trust both.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** One line: name, median, unit, then min/max and the number of runs (and a note). */
export function printRuns(
  name: string,
  values: number[],
  unit: string,
  opts: { note?: string; worst?: 'min' | 'max' } = {}
): void {
  const digits = (v: number): string => v.toFixed(Math.abs(v) < 10 ? 2 : Math.abs(v) < 1000 ? 1 : 0)
  const best = opts.worst === 'min' ? Math.max(...values) : Math.min(...values)
  const worst = opts.worst === 'min' ? Math.min(...values) : Math.max(...values)
  const spread = `${opts.worst === 'min' ? 'max' : 'min'} ${digits(best)}, ${opts.worst === 'min' ? 'min' : 'max'} ${digits(worst)}, ${values.length} runs`
  console.log(
    `${name.padEnd(48)} ${digits(median(values)).padStart(10)} ${unit}  (median; ${spread}${opts.note ? `; ${opts.note}` : ''})`
  )
}

/** A preload that prints the process's peak resident memory to stderr when it exits. */
export const MAX_RSS_PRELOAD = join(dirname(fileURLToPath(import.meta.url)), 'maxRss.cjs')

export interface ChildRun {
  wallMs: number
  maxRssMiB: number
  stdout: string
  status: number | null
}

/** Run a command to completion: wall time from spawn to exit, and its peak RSS if it is node with MAX_RSS_PRELOAD. */
export function runChild(cmd: string, args: string[], options: SpawnSyncOptions = {}): ChildRun {
  const t = performance.now()
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options })
  const wallMs = performance.now() - t
  const stderr = String(r.stderr ?? '')
  const rss = /limbic-max-rss-kib (\d+)/.exec(stderr)
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${stderr.slice(0, 400)}`)
  return {
    wallMs,
    maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN,
    stdout: String(r.stdout ?? ''),
    status: r.status
  }
}
