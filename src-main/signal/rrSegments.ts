/**
 * Recordings with gaps. A file's interval longer than any beat (a drop-out, see `rrFile.ts`)
 * splits it into segments; successive differences across a gap mean nothing (the beat after a
 * 7 s drop-out is not "7 s shorter" than the one before), so:
 *  - the artefact cleaner runs on each segment separately (its 91-beat threshold and 11-beat
 *    median windows never reach across a gap);
 *  - RMSSD, pNN50, SD1 and SD2 use only differences within a segment (`hrvMetrics` breaks);
 *  - mean RR/HR, SDNN and the stress index use every interval;
 *  - beat times include the gaps' durations, so windows and segments sit on the file's clock.
 * A file without gaps is one segment and every figure is exactly what the plain functions give.
 */
import { hrvMetrics, type HrvMetrics } from './hrv'
import { cleanRr, type CleanedBeat, type CleaningResult, type CleanRrOptions } from './rrCleaning'
import type { RrGap } from './rrFile'

/** Beats [from, to) of a series, after `gapBeforeMs` of drop-out(s) (0 for the first, gap-free one). */
export interface RrSegment {
  from: number
  to: number
  gapBeforeMs: number
}

/** The segments of `n` intervals split at the gaps (consecutive gaps merge into one). */
export function segmentsOf(n: number, gaps: readonly RrGap[]): RrSegment[] {
  const out: RrSegment[] = []
  let from = 0
  let gapMs = 0
  for (const g of gaps) {
    if (g.beforeIndex > from) {
      out.push({ from, to: g.beforeIndex, gapBeforeMs: gapMs })
      from = g.beforeIndex
      gapMs = 0
    }
    gapMs += g.durationMs
  }
  if (n > from) out.push({ from, to: n, gapBeforeMs: gapMs })
  return out
}

/** breaks[i] = 1 where beat i starts a segment after a gap; undefined for one segment. */
export function breaksOf(n: number, segments: readonly RrSegment[]): Uint8Array | undefined {
  if (segments.length <= 1) return undefined
  const breaks = new Uint8Array(n)
  for (let k = 1; k < segments.length; k++) breaks[segments[k]!.from] = 1
  return breaks
}

export interface SegmentedCleaning extends CleaningResult {
  /** The segments in `cleanRrMs` (extra beats merged, missed beats split: the counts move). */
  cleanSegments: RrSegment[]
}

/** The artefact cleaner on each segment on its own; results joined in file order. */
export function cleanSegmented(
  rrMs: readonly number[],
  segments: readonly RrSegment[],
  opts: CleanRrOptions = {}
): SegmentedCleaning {
  if (segments.length === 1 && segments[0]!.from === 0 && segments[0]!.to === rrMs.length) {
    // Object.assign, not a spread: a spread would build the per-beat objects (a lazy getter).
    const c = cleanRr(rrMs, opts)
    return Object.assign(c, {
      cleanSegments: [{ from: 0, to: c.cleanRrMs.length, gapBeforeMs: segments[0]!.gapBeforeMs }]
    })
  }
  const parts: { from: number; result: CleaningResult }[] = []
  const cleanRrMs: number[] = []
  const cleanSegments: RrSegment[] = []
  const counts = { ectopic: 0, missed: 0, extra: 0, long: 0, short: 0 }
  let flagged = 0
  for (const seg of segments) {
    const c = cleanRr(rrMs.slice(seg.from, seg.to), opts)
    parts.push({ from: seg.from, result: c })
    const from = cleanRrMs.length
    for (const v of c.cleanRrMs) cleanRrMs.push(v)
    cleanSegments.push({ from, to: cleanRrMs.length, gapBeforeMs: seg.gapBeforeMs })
    for (const t of Object.keys(c.counts) as (keyof typeof c.counts)[]) {
      counts[t] += c.counts[t]
      flagged += c.counts[t]
    }
  }
  const out = {
    cleanRrMs,
    counts,
    artifactRate: rrMs.length === 0 ? 0 : flagged / rrMs.length,
    cleanSegments
  } as SegmentedCleaning
  // Per-beat objects only when read (see cleanRr), with indices into the whole file.
  let beats: CleanedBeat[] | null = null
  Object.defineProperty(out, 'beats', {
    enumerable: true,
    get(): CleanedBeat[] {
      beats ??= parts.flatMap((p) => p.result.beats.map((b) => ({ ...b, index: b.index + p.from })))
      return beats
    }
  })
  return out
}

/**
 * Beat times (ms from the start of the file, at the end of each interval), gaps included.
 */
export function beatTimesMs(rrMs: readonly number[], segments: readonly RrSegment[]): Float64Array {
  const times = new Float64Array(rrMs.length)
  let t = 0
  for (const seg of segments) {
    t += seg.gapBeforeMs
    for (let i = seg.from; i < seg.to; i++) times[i] = t += rrMs[i]!
  }
  return times
}

export interface SegmentRow {
  /** Seconds from the start of the file (gaps included) to the segment's first and last beat. */
  startS: number
  endS: number
  beats: number
  gapBeforeS: number
  /** null when the segment has too few beats for HRV (fewer than 3). */
  hrv: HrvMetrics | null
}

/** One row per segment, with its own HRV. */
export function segmentRows(rrMs: readonly number[], segments: readonly RrSegment[]): SegmentRow[] {
  const times = beatTimesMs(rrMs, segments)
  return segments.map((seg) => {
    const part = rrMs.slice(seg.from, seg.to)
    return {
      startS: (times[seg.from]! - rrMs[seg.from]!) / 1000,
      endS: times[seg.to - 1]! / 1000,
      beats: seg.to - seg.from,
      gapBeforeS: seg.gapBeforeMs / 1000,
      hrv: part.length >= 3 ? hrvMetrics(part) : null
    }
  })
}
