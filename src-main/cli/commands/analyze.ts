/**
 * `analyze <file> [--raw] [--window-s N | --hourly] [--json | --rows csv|json [--segments]]`: HRV of an RR-interval file with the app's own
 * signal core (the same code the live screen uses).
 *
 * Reads one interval per line (ms or s, detected), Polar .hrm (R-R mode), a table with an RR
 * column (Kubios / CSV exports, Limbic's beats.csv) or a FIT file's hrv messages
 * (signal/rrInput.ts); `-` reads standard input (text only). By default artefacts are detected and
 * corrected first (Lipponen & Tarvainen 2019); `--raw` computes on the intervals as given (the
 * artefact counts are still reported, as detected but not corrected).
 *
 * --json prints exactly one object:
 *   {"beats","meanRrMs","meanHrBpm","sdnnMs","rmssdMs","lnRmssd","pnn50Pct","sd1Ms","sd2Ms",
 *    "stressIndex","artifacts":{"ectopic","missed","extra","long","short"},"respirationRateBpm",
 *    "respiration":{"method","baseWindowS","maxWindowS","windowS"},
 *    "timingResolutionMs","warnings":[...],"gaps":[{"line","durationMs"}],"segments":[{"startS","endS","beats","gapBeforeS","meanHrBpm",
 *    "sdnnMs","rmssdMs","pnn50Pct"}]}
 * An interval longer than 6000 ms is a gap (a drop-out): it is left out, the recording is split
 * into segments there, and no successive difference spans a gap (RMSSD, pNN50, SD1/SD2, the
 * artefact cleaner's windows); see signal/rrSegments.ts. "segments" has one entry for a gap-free
 * file; times are seconds from the file's start, gaps included.
 * "timingResolutionMs" is the sampling grid the intervals lie on (7.8125 for 128 Hz; null when
 * unknown); above 1 ms the cleaner's thresholds get a floor of 4 steps so quantisation jitter is
 * not flagged, and above 4 ms (250 Hz) "warnings" says that the resolution limits HRV
 * (signal/rrResolution.ts).
 * Metrics are over the whole recording; stressIndex is Baevsky's SI (not Kubios' square root);
 * respirationRateBpm is the median of the breathing-rate estimates at the ends of consecutive
 * N-second windows (default 60) whose confidence is at least 0.3, or null when there is none.
 * Each estimate is the adaptive one of signal/respiration.ts: over the last N s, lengthened back
 * to 8 breaths (at most 120 s, or N if longer) when the breathing is slow; `respiration` names the
 * method and windowS the median span actually used (null without an estimate).
 * Without --json the same numbers are printed for people, with one line per N-second window.
 * --rows csv|json prints per-window rows instead (cli/analyzeRows.ts; --hourly = --window-s 3600,
 * --segments: one row per segment between gaps).
 * Bad input exits 1 with a message naming the line; bad usage exits 2.
 */
import { readFile } from 'node:fs/promises'
import { hrvMetrics, type HrvMetrics } from '../../signal/hrv'
import {
  estimateRespirationAdaptiveIn,
  RESP_MAX_WINDOW_MS,
  RESP_METHOD,
  type RespirationEstimate
} from '../../signal/respiration'
import { RollingHrv } from '../../signal/rollingHrv'
import { ARTIFACT_TYPES, qualityFromArtifactRate } from '../../signal/rrCleaning'
import { parseRrText } from '../../signal/rrFile'
import { parseRrBytes } from '../../signal/rrInput'
import {
  describeResolution,
  detectResolution,
  resolutionThresholdFloorMs,
  resolutionWarning,
  type TimingResolution
} from '../../signal/rrResolution'
import {
  breaksOf,
  cleanSegmented,
  segmentRows,
  segmentsOf,
  type RrSegment,
  type SegmentRow,
  type SegmentedCleaning
} from '../../signal/rrSegments'
import { parseArgs, type CliIo } from '../io'
import { formatRows } from '../analyzeRows'

export const summary =
  'HRV, artefacts and breathing rate of an RR-interval file (ms/s lines, Polar .hrm, Kubios, CSV, FIT)'

/** Window estimates below this confidence do not count towards the recording's breathing rate. */
export const MIN_RESPIRATION_CONFIDENCE = 0.3

const HELP = `Usage: npm run cli -- analyze <file> [--raw] [--window-s N | --hourly] [--json | --rows csv|json [--segments]]
  <file>        RR intervals: one per line in ms or s (detected), Polar .hrm (R-R mode), a table
                whose header names the RR column (rr, rr_ms, "RR (ms)", RRI, IBI, NN, interval:
                Kubios text exports, CSV, Limbic's beats.csv), or a FIT file with hrv messages
                (Garmin/Wahoo/Coros straps); # % // ; start comments; "-" reads standard input
  --raw         compute on the intervals as given (default: correct artefacts first)
  --window-s N  window for the breathing rate and the per-window lines, seconds (default 60)
  --hourly      the same as --window-s 3600 (for day-long recordings)
  --rows F      print only per-window rows, F = csv or json (not the report): fixed windows of
                N s on the file's clock (k*N, (k+1)*N], gaps included; columns
                start_s,end_s,beats,gaps,mean_hr_bpm,mean_rr_ms,sdnn_ms,rmssd_ms,pnn50_pct,sd1_ms,
                sd2_ms,breaths_per_min (HRV within segments only; breathing = median of the
                confident 60 s estimates in the window); empty/null where a window has too few beats
  --segments    with --rows: one row per segment between gaps instead of per window
  --json        print one JSON object:
                {"beats","meanRrMs","meanHrBpm","sdnnMs","rmssdMs","lnRmssd","pnn50Pct","sd1Ms",
                 "sd2Ms","stressIndex","artifacts":{...},"respirationRateBpm",
                 "respiration":{"method","baseWindowS","maxWindowS","windowS"},"timingResolutionMs",
                 "warnings":[...],"gaps":[...],
                 "segments":[{"startS","endS","beats","gapBeforeS","meanHrBpm","sdnnMs","rmssdMs",
                 "pnn50Pct"}]}
  Resolution: the timing grid (e.g. 7.8125 ms = 128 Hz) is detected and reported; above 1 ms the
  artefact thresholds are floored at 4 steps so timing jitter is not flagged, and a step over
  4 ms (below 250 Hz) gets a warning ("timingResolutionMs", "warnings" in --json).
  Gaps: an interval over 6000 ms is a drop-out, not a beat: the file is split into segments there
  and no successive difference (RMSSD, pNN50, SD1, the artefact windows) spans a gap.`

interface WindowRow {
  startS: number
  endS: number
  hrv: HrvMetrics | null
  resp: RespirationEstimate | null
}

function round(v: number, digits = 4): number | null {
  if (!Number.isFinite(v)) return null
  const f = 10 ** digits
  return Math.round(v * f) / f
}

function median(values: number[]): number | null {
  if (values.length === 0) return null
  const s = [...values].sort((a, b) => a - b)
  const h = (s.length - 1) / 2
  return (s[Math.floor(h)]! + s[Math.ceil(h)]!) / 2
}

function clock(s: number): string {
  const m = Math.floor(s / 60)
  return `${m}:${String(Math.floor(s - m * 60)).padStart(2, '0')}`
}

function warningsOf(a: Analysis): string[] {
  const w = resolutionWarning(a.resolution, a.metrics.rmssdMs)
  return w === null ? [] : [w]
}

/** The --json "segments" array: one entry per stretch between gaps (one for a gap-free file). */
function segmentJson(a: Analysis): object[] {
  const rows: SegmentRow[] =
    a.segmentRows.length > 0
      ? a.segmentRows
      : [
          {
            startS: 0,
            endS: a.rrMs.reduce((x, y) => x + y, 0) / 1000,
            beats: a.rrMs.length,
            gapBeforeS: 0,
            hrv: a.metrics
          }
        ]
  return rows.map((r) => ({
    startS: round(r.startS, 3),
    endS: round(r.endS, 3),
    beats: r.beats,
    gapBeforeS: round(r.gapBeforeS, 3),
    meanHrBpm: r.hrv ? round(r.hrv.meanHrBpm) : null,
    sdnnMs: r.hrv ? round(r.hrv.sdnnMs) : null,
    rmssdMs: r.hrv ? round(r.hrv.rmssdMs) : null,
    pnn50Pct: r.hrv ? round(r.hrv.pnn50Pct) : null
  }))
}

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(HELP)
    return 0
  }
  let opts: ReturnType<typeof parseArgs>
  try {
    opts = parseArgs(args, { values: ['window-s', 'rows'], flags: ['raw', 'json', 'hourly', 'segments'] })
  } catch (err) {
    io.err(`${(err as Error).message}\n${HELP}`)
    return 2
  }
  const { values, flags, positionals } = opts
  if (positionals.length !== 1) {
    io.err(
      `${positionals.length === 0 ? 'No file given' : `One file at a time (got ${positionals.length})`}\n${HELP}`
    )
    return 2
  }
  if (flags.has('hourly') && values['window-s'] !== undefined) {
    io.err(`--hourly is --window-s 3600: give one or the other\n${HELP}`)
    return 2
  }
  const windowS = flags.has('hourly') ? 3600 : Number(values['window-s'] ?? '60')
  if (!Number.isFinite(windowS) || windowS < 10 || windowS > 24 * 3600) {
    io.err(`--window-s must be a number of seconds from 10 to 86400, got "${values['window-s']}"`)
    return 2
  }
  const rowsFormat = values['rows']
  if (rowsFormat !== undefined && rowsFormat !== 'csv' && rowsFormat !== 'json') {
    io.err(`--rows must be csv or json, got "${rowsFormat}"\n${HELP}`)
    return 2
  }
  if (rowsFormat !== undefined && flags.has('json')) {
    io.err(`--rows and --json print different things: give one\n${HELP}`)
    return 2
  }
  if (flags.has('segments') && rowsFormat === undefined) {
    io.err(`--segments needs --rows csv or --rows json\n${HELP}`)
    return 2
  }
  const file = positionals[0]!
  let text: string | Uint8Array
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file)
  } catch (err) {
    io.err(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
    return 1
  }

  try {
    const raw = flags.has('raw')
    const json = flags.has('json')
    if (rowsFormat !== undefined) {
      const rowsOf = analyzeRr(text, { fileName: file === '-' ? 'stdin' : file, raw, windowS: 0 })
      const lines = formatRows(rowsOf, {
        format: rowsFormat,
        windowS,
        perSegment: flags.has('segments'),
        minBreathConfidence: MIN_RESPIRATION_CONFIDENCE
      })
      for (const line of lines) io.out(line)
      return 0
    }
    // The per-window HRV is only printed in the human-readable report.
    const a = analyzeRr(text, { fileName: file === '-' ? 'stdin' : file, raw, windowS, windowHrv: !json })
    const { parsed, cleaning, metrics: m, windows, respirationRateBpm, respirationWindowS } = a
    const rr = a.rrMs
    const rates = windows.filter((w) => w.resp && w.resp.confidence >= MIN_RESPIRATION_CONFIDENCE)

    if (json) {
      io.out(
        JSON.stringify({
          beats: m.beats,
          meanRrMs: round(m.meanRrMs),
          meanHrBpm: round(m.meanHrBpm),
          sdnnMs: round(m.sdnnMs),
          rmssdMs: round(m.rmssdMs),
          lnRmssd: round(m.lnRmssd),
          pnn50Pct: round(m.pnn50Pct),
          sd1Ms: round(m.sd1Ms),
          sd2Ms: round(m.sd2Ms),
          stressIndex: round(m.stressIndex),
          artifacts: { ...cleaning.counts },
          respirationRateBpm: respirationRateBpm === null ? null : round(respirationRateBpm, 2),
          respiration: {
            method: RESP_METHOD,
            baseWindowS: windowS,
            maxWindowS: Math.max(windowS, RESP_MAX_WINDOW_MS / 1000),
            windowS: respirationWindowS === null ? null : round(respirationWindowS, 1)
          },
          timingResolutionMs: a.resolution.stepMs,
          warnings: warningsOf(a),
          gaps: parsed.gaps.map((g) => ({ line: g.line, durationMs: round(g.durationMs) })),
          segments: segmentJson(a)
        })
      )
      return 0
    }

    const quality = qualityFromArtifactRate(cleaning.artifactRate)
    const flagged = ARTIFACT_TYPES.map((t) => `${cleaning.counts[t]} ${t}`).join(', ')
    const durS = (rr.reduce((a, b) => a + b, 0) + parsed.gaps.reduce((a, g) => a + g.durationMs, 0)) / 1000
    io.out(`${file}: ${parsed.rrMs.length} intervals, ${clock(durS)} (format ${parsed.format})`)
    for (const note of parsed.notes) io.out(`  ${note}`)
    io.out(`  ${describeResolution(a.resolution)}`)
    for (const w of warningsOf(a)) io.out(`  ${w}`)
    io.out(
      `Artefacts (Lipponen & Tarvainen 2019): ${flagged} = ${(100 * cleaning.artifactRate).toFixed(1)} % of beats, ` +
        `signal quality ${quality}${raw ? '; NOT corrected (--raw)' : '; corrected'}`
    )
    if (a.segmentRows.length > 0) {
      io.out('')
      io.out(`Segments between gaps (${a.segmentRows.length}; metrics above and below never span a gap):`)
      io.out('  start     end        beats   gap before s   HR bpm   RMSSD ms')
      for (const r of a.segmentRows) {
        io.out(
          `  ${clock(r.startS).padEnd(9)} ${clock(r.endS).padEnd(9)} ${String(r.beats).padStart(7)} ` +
            `${r.gapBeforeS.toFixed(1).padStart(14)} ${r.hrv ? r.hrv.meanHrBpm.toFixed(1).padStart(8) : '       -'} ` +
            `${r.hrv ? r.hrv.rmssdMs.toFixed(1).padStart(10) : '         -'}`
        )
      }
    }
    io.out('')
    io.out(`Whole recording (${m.beats} ${raw ? 'raw' : 'corrected'} intervals)`)
    io.out(`  mean RR        ${m.meanRrMs.toFixed(1)} ms`)
    io.out(`  mean HR        ${m.meanHrBpm.toFixed(1)} bpm`)
    io.out(`  SDNN           ${m.sdnnMs.toFixed(1)} ms`)
    io.out(`  RMSSD          ${m.rmssdMs.toFixed(1)} ms  (ln ${m.lnRmssd.toFixed(2)})`)
    io.out(`  pNN50          ${m.pnn50Pct.toFixed(1)} %`)
    io.out(`  SD1 / SD2      ${m.sd1Ms.toFixed(1)} / ${m.sd2Ms.toFixed(1)} ms`)
    io.out(
      `  stress index   ${Number.isFinite(m.stressIndex) ? m.stressIndex.toFixed(1) : 'n/a'} (Baevsky; Kubios shows its square root, ${Number.isFinite(m.stressIndex) ? Math.sqrt(m.stressIndex).toFixed(1) : 'n/a'})`
    )
    io.out(
      `  breathing      ${respirationRateBpm === null ? 'not found' : `${respirationRateBpm.toFixed(1)} /min`} ` +
        `(median of ${rates.length} of ${windows.length} ${windowS} s windows with confidence >= ${MIN_RESPIRATION_CONFIDENCE})`
    )
    io.out(
      `  breathing from ${RESP_METHOD}, window ${respirationWindowS === null ? `${windowS} s` : `${respirationWindowS.toFixed(0)} s (median)`}` +
        ` - grows from ${windowS} s to 8 breaths, at most ${Math.max(windowS, RESP_MAX_WINDOW_MS / 1000)} s, when breathing is slow`
    )
    io.out('')
    io.out(`Per ${windowS} s window:`)
    io.out('  window          beats   HR bpm   RMSSD ms   breaths/min  (confidence)')
    for (const w of windows) {
      const h = w.hrv
      io.out(
        `  ${`${clock(w.startS)}-${clock(w.endS)}`.padEnd(14)} ${String(h?.beats ?? 0).padStart(6)} ` +
          `${h ? h.meanHrBpm.toFixed(1).padStart(8) : '       -'} ${h ? h.rmssdMs.toFixed(1).padStart(10) : '         -'}   ` +
          `${w.resp ? `${w.resp.breathsPerMin.toFixed(1).padStart(11)}  (${w.resp.confidence.toFixed(2)})` : '          -'}`
      )
    }
    return 0
  } catch (err) {
    io.err((err as Error).message)
    return 1
  }
}

export interface Analysis {
  parsed: ReturnType<typeof parseRrText>
  /** The file's timing grid (sets the cleaner's threshold floor; see signal/rrResolution.ts). */
  resolution: TimingResolution
  cleaning: SegmentedCleaning
  /** The intervals the metrics were computed on (corrected, or as given with raw). */
  rrMs: readonly number[]
  /** The segments of rrMs between gaps (one when the file has none). */
  segments: RrSegment[]
  segmentRows: SegmentRow[]
  metrics: HrvMetrics
  windows: WindowRow[]
  respirationRateBpm: number | null
  /** Median span the counted breathing estimates were made over, s (null without one). */
  respirationWindowS: number | null
}

/**
 * The whole analysis on file text, without I/O (the benchmark times exactly what --json needs:
 * windowHrv false). windowS = 0 skips the windows (per-window HRV and breathing rate).
 */
export function analyzeRr(
  text: string | Uint8Array,
  opts: { fileName?: string; raw: boolean; windowS: number; windowHrv?: boolean }
): Analysis {
  const parsed =
    typeof text === 'string' ? parseRrText(text, opts.fileName) : parseRrBytes(text, opts.fileName)
  const rawSegments = segmentsOf(parsed.rrMs.length, parsed.gaps)
  const resolution = detectResolution(parsed.rrMs)
  const cleaning = cleanSegmented(parsed.rrMs, rawSegments, {
    thresholdFloorMs: resolutionThresholdFloorMs(resolution)
  })
  const rrMs = opts.raw ? parsed.rrMs : cleaning.cleanRrMs
  const segments = opts.raw ? rawSegments : cleaning.cleanSegments
  const metrics = hrvMetrics(rrMs, breaksOf(rrMs.length, segments))
  const windows =
    opts.windowS > 0 ? windowRows(rrMs, segments, opts.windowS * 1000, opts.windowHrv ?? true) : []
  const rates = windows.filter((w) => w.resp && w.resp.confidence >= MIN_RESPIRATION_CONFIDENCE)
  return {
    parsed,
    resolution,
    cleaning,
    rrMs,
    segments,
    segmentRows: parsed.gaps.length > 0 ? segmentRows(rrMs, segments) : [],
    metrics,
    windows,
    respirationRateBpm: median(rates.map((w) => w.resp!.breathsPerMin)),
    respirationWindowS: median(rates.map((w) => w.resp!.spanS))
  }
}

/** Recordings up to this many beats (~18 h) reuse one list of beat times; longer ones get their own. */
const POOLED_TIMES_MAX_BEATS = 1 << 16
const pooledTimes: number[] = []

/**
 * A list for the beat times of windowRows: the pooled one (entries from its last use are
 * overwritten, and only indices below the beats pushed so far are read) or, for a very long
 * recording, a new one. Kept a packed list of doubles, filled by index or push, so the breathing
 * estimate's loads see the same kind of array as from the live app.
 */
function beatTimes(beats: number): number[] {
  if (beats > POOLED_TIMES_MAX_BEATS) return []
  return pooledTimes
}

/**
 * Rolling HRV and breathing rate sampled at the end of each consecutive window: the rolling HRV
 * is fed beat by beat, exactly as in the live app. Time runs on through gaps (the rolling HRV is
 * told of each, as the live app is of a drop-out); the breathing rate uses only the beats since
 * the window's last gap.
 */
function windowRows(
  rr: readonly number[],
  segments: readonly RrSegment[],
  windowMs: number,
  withHrv: boolean
): WindowRow[] {
  const roll = new RollingHrv({ windowMs })
  const times = beatTimes(rr.length)
  const rows: WindowRow[] = []
  const step = windowMs
  let t = 0
  let nextAt = windowMs
  let from = 0
  // The adaptive estimate may reach back up to maxWindowMs: hand it only those beats.
  const maxWindowMs = Math.max(windowMs, RESP_MAX_WINDOW_MS)
  let seg = -1
  let segFrom = 0
  for (let i = 0; i < rr.length; i++) {
    if (seg + 1 < segments.length && segments[seg + 1]!.from === i) {
      seg++
      segFrom = i
      t += segments[seg]!.gapBeforeMs
      if (i > 0) roll.gap()
    }
    t += rr[i]!
    if (i < times.length) times[i] = t
    else times.push(t)
    if (withHrv) roll.push(t, rr[i]!)
    if (t >= nextAt) {
      while (times[from]! <= t - maxWindowMs) from++
      if (from < segFrom) from = segFrom
      rows.push({
        startS: (t - windowMs) / 1000,
        endS: t / 1000,
        hrv: withHrv ? roll.metrics() : null,
        resp: estimateRespirationAdaptiveIn(times, rr, from, i + 1, { windowMs, maxWindowMs })
      })
      nextAt = t + step
    }
  }
  if (rows.length === 0 && rr.length > 0) {
    rows.push({
      startS: 0,
      endS: t / 1000,
      hrv: withHrv ? roll.metrics() : null,
      resp: estimateRespirationAdaptiveIn(times, rr, segFrom, rr.length, { windowMs, maxWindowMs })
    })
  }
  return rows
}
