/**
 * The one path PMD data notifications take: decode (pmdFrame.ts), place every sample in time,
 * convert to units, and mark what is missing. Never throws on bad bytes.
 *
 * Time: a frame carries the sensor time of its LAST sample (ns, the strap's own clock, which
 * need not be set). The first frame after a start or a gap anchors sensor time to arrival
 * (offset = arrival - sensor time of the last sample); later samples keep that offset, spread
 * evenly between the previous frame's timestamp and this one's, so they follow the sensor's
 * clock exactly and never the jitter of BLE delivery. (Sensor and host clocks drift apart by
 * tens of ppm, ~0.1-0.4 s over two hours; re-anchored at every gap.)
 *
 * Bad input, each counted in `quality` and never half-used:
 * - a frame that does not decode (too short, truncated, bad delta width): `malformed`, dropped;
 *   the next good frame of that measurement starts after a gap (reason 'malformed');
 * - an unknown measurement or frame type: `unknownFrameType`, dropped (no gap: nothing we could
 *   have used was lost);
 * - a timestamp at or before the previous one: `outOfOrder`, dropped;
 * - a timestamp that does not fit the samples it carries (more than half a frame off, e.g. frames
 *   lost in between, or a sensor clock reset): `timestampJumps`, gap (reason 'timestamp-jump'),
 *   re-anchored to arrival;
 * - a stream that stops: the owner (pmdClient / the source's watchdog) calls `markLinkLost()`,
 *   the next frame starts after a gap (reason 'link-lost').
 */
import { decodePmdFrame, type PmdFrameProblem } from './pmdFrame'
import { PMD_ACC, PMD_ECG } from './pmdProtocol'

export type PmdMeasurement = 'acc' | 'ecg'

export interface PmdSamples {
  kind: 'samples'
  measurement: PmdMeasurement
  /** Epoch ms of each sample. */
  tMs: number[]
  /** ACC: x, y, z in mG interleaved (3 per sample); ECG: µV (1 per sample). */
  values: number[]
  channels: number
}

export interface PmdGap {
  kind: 'gap'
  measurement: PmdMeasurement
  /** Last sample before and first sample after the hole. */
  fromMs: number
  toMs: number
  reason: 'malformed' | 'timestamp-jump' | 'link-lost'
}

export type PmdEvent = PmdSamples | PmdGap

export interface PmdQuality {
  frames: number
  samples: number
  malformed: number
  unknownFrameType: number
  outOfOrder: number
  timestampJumps: number
}

export interface PmdStreamConfig {
  sampleRateHz: number
  /** Compressed frames: counts -> unit (G for ACC, from the settings' FACTOR); raw frames ignore it. */
  factor?: number
}

interface Track {
  config: PmdStreamConfig
  lastTsNs: bigint | null
  offsetMs: number
  lastSampleMs: number | null
  pendingGap: PmdGap['reason'] | null
}

const MEASUREMENTS: Record<number, PmdMeasurement> = { [PMD_ACC]: 'acc', [PMD_ECG]: 'ecg' }

export class PmdStream {
  readonly quality: PmdQuality = {
    frames: 0,
    samples: 0,
    malformed: 0,
    unknownFrameType: 0,
    outOfOrder: 0,
    timestampJumps: 0
  }
  lastProblem: string | null = null
  private readonly tracks = new Map<PmdMeasurement, Track>()

  constructor(private readonly emit: (event: PmdEvent) => void) {}

  /** A measurement was started with these settings (resets its timeline). */
  configure(measurement: PmdMeasurement, config: PmdStreamConfig): void {
    const old = this.tracks.get(measurement)
    this.tracks.set(measurement, {
      config,
      lastTsNs: null,
      offsetMs: 0,
      lastSampleMs: old?.lastSampleMs ?? null,
      pendingGap: old?.lastSampleMs != null ? 'link-lost' : null
    })
  }

  /** The link dropped or the stream stopped: the next samples start after a gap. */
  markLinkLost(): void {
    for (const t of this.tracks.values()) {
      t.lastTsNs = null
      if (t.lastSampleMs !== null) t.pendingGap ??= 'link-lost'
    }
  }

  push(arrivalMs: number, bytes: Uint8Array): void {
    const r = decodePmdFrame(bytes)
    const measurement = bytes.length > 0 ? MEASUREMENTS[bytes[0]!] : undefined
    const track = measurement ? this.tracks.get(measurement) : undefined
    if (!r.ok) {
      this.refused(r.problem, r.detail, track)
      return
    }
    if (!measurement || !track) {
      // A measurement we never started (or do not use): not ours to place in time.
      this.refused('unknown-measurement', `measurement ${r.frame.measurementType} not started`, undefined)
      return
    }
    const f = r.frame
    const n = f.sampleCount
    const nominalNs = 1e9 / track.config.sampleRateHz
    let spacingNs = nominalNs
    let reason = track.pendingGap
    if (track.lastTsNs !== null) {
      if (f.timestampNs <= track.lastTsNs) {
        this.quality.outOfOrder++
        this.lastProblem = `frame stamped ${f.timestampNs} ns, not after ${track.lastTsNs} ns`
        return
      }
      const dtNs = Number(f.timestampNs - track.lastTsNs)
      const expectedNs = n * nominalNs
      if (reason !== null) {
        // Already a gap (a dropped frame explains the hole): re-anchor, count nothing more.
      } else if (Math.abs(dtNs - expectedNs) > expectedNs / 2 + nominalNs) {
        this.quality.timestampJumps++
        this.lastProblem = `timestamp moved ${(dtNs / 1e6).toFixed(1)} ms for ${n} samples`
        reason = 'timestamp-jump'
      } else {
        spacingNs = dtNs / n
      }
    }
    const lastSensorMs = Number(f.timestampNs) / 1e6
    if (track.lastTsNs === null || reason !== null) {
      track.offsetMs = arrivalMs - lastSensorMs
      // Never place a sample at or before one already emitted.
      const firstMs = track.offsetMs + lastSensorMs - ((n - 1) * nominalNs) / 1e6
      if (track.lastSampleMs !== null && firstMs <= track.lastSampleMs) {
        track.offsetMs += track.lastSampleMs - firstMs + nominalNs / 1e6
      }
    }
    const tMs = new Array<number>(n)
    for (let i = 0; i < n; i++) tMs[i] = track.offsetMs + lastSensorMs - ((n - 1 - i) * spacingNs) / 1e6
    if (reason !== null && track.lastSampleMs !== null) {
      this.emit({ kind: 'gap', measurement, fromMs: track.lastSampleMs, toMs: tMs[0]!, reason })
    }
    track.pendingGap = null
    track.lastTsNs = f.timestampNs
    track.lastSampleMs = tMs[n - 1]!
    const compressed = (f.frameType & 0x80) !== 0
    const scale = compressed && measurement === 'acc' && track.config.factor ? track.config.factor * 1000 : 1
    const values = scale === 1 ? f.values : f.values.map((v) => v * scale)
    this.quality.frames++
    this.quality.samples += n
    this.emit({ kind: 'samples', measurement, tMs, values, channels: f.channels })
  }

  private refused(problem: PmdFrameProblem, detail: string, track: Track | undefined): void {
    this.lastProblem = `${problem}: ${detail}`
    if (problem === 'unknown-measurement' || problem === 'unknown-frame-type') {
      this.quality.unknownFrameType++
      return
    }
    this.quality.malformed++
    if (track && track.lastSampleMs !== null) track.pendingGap ??= 'malformed'
  }
}
