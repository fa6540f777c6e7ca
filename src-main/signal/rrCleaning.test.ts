import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { hrvMetrics } from './hrv'
import fc from 'fast-check'
import {
  cleanRr,
  slidingStat,
  IncrementalRrCleaner,
  qualityFromArtifactRate,
  type ArtifactType,
  type CleanedBeat
} from './rrCleaning'
import { parseRrText } from './rrFile'
import { createRng } from '../devices/sim/random'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const sharedDir = join(root, '../shared/data/rr')
const fixturesDir = join(root, 'resources/fixtures/rr')

/** The simulator's seeded PRNG (mulberry32), so a failing seed can be replayed. */
const rng = (seed: number): (() => number) => createRng(seed).next

/**
 * A clean resting series: 900 ms, ± 25 ms RSA at 0.25 Hz, ± 20 ms slow wave, Gaussian jitter
 * (sd 3 ms), rounded to 1 ms (RMSSD ≈ 25 ms). Like real sinus rhythm the beat-to-beat change is
 * mostly smooth; on pure white noise Lipponen-Tarvainen flags ~2 % of beats by design (the
 * thresholds scale with the spread of successive differences). With a much larger RSA swing
 * (± 40 ms) a 35 % long beat right after a falling beat is, by the paper's decision boundary,
 * an "ectopic" (short-then-long) pattern, so the type tests use this moderate series.
 */
function cleanSeries(n: number, seed: number): number[] {
  const r = rng(seed)
  const out: number[] = []
  let t = 0
  for (let i = 0; i < n; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
    const rr =
      900 +
      25 * Math.sin(2 * Math.PI * 0.25 * (t / 1000)) +
      20 * Math.sin(2 * Math.PI * 0.01 * (t / 1000)) +
      3 * g
    out.push(Math.round(rr))
    t += rr
  }
  return out
}

/** Injects one artefact at position i; returns the series and the indices expected to be flagged. */
function inject(
  rr: number[],
  i: number,
  type: ArtifactType
): { rr: number[]; expected: Map<number, ArtifactType> } {
  const out = [...rr]
  const expected = new Map<number, ArtifactType>()
  switch (type) {
    case 'missed': // the beat between i and i+1 was not detected: one interval spans two
      out.splice(i, 2, rr[i]! + rr[i + 1]!)
      expected.set(i, 'missed')
      break
    case 'extra': // a spurious detection splits interval i in two
      out.splice(i, 1, Math.round(rr[i]! * 0.4), rr[i]! - Math.round(rr[i]! * 0.4))
      expected.set(i, 'extra')
      break
    case 'ectopic': {
      // premature beat 30 % early, then the compensatory pause (the two intervals keep their sum)
      const early = Math.round(rr[i]! * 0.3)
      out[i] = rr[i]! - early
      out[i + 1] = rr[i + 1]! + early
      expected.set(i, 'ectopic')
      expected.set(i + 1, 'ectopic')
      break
    }
    case 'long': // a late detection: one interval 35 % too long (not twice: not a missed beat)
      out[i] = Math.round(rr[i]! * 1.35)
      expected.set(i, 'long')
      break
    case 'short': // an early detection without compensation
      out[i] = Math.round(rr[i]! * 0.7)
      expected.set(i, 'short')
      break
  }
  return { rr: out, expected }
}

/**
 * Injects `type` at many positions of many clean series and scores the cleaner: the injected
 * beat(s) must carry exactly the injected type, and the beats around them (i-2..i+3) should carry
 * no other flag. L-T judges each beat against its neighbours' differences, so now and then the
 * clean beat next to a large artefact (or a borderline beat already in the series) is flagged
 * too; we count those instead of pretending they never happen.
 */
function scoreInjections(
  clean: (rr: number[]) => readonly CleanedBeat[],
  type: ArtifactType,
  trials: number
): { ownTypeRight: number; exactNear: number; failures: string[] } {
  let ownTypeRight = 0
  let exactNear = 0
  const failures: string[] = []
  for (let s = 1; s <= trials; s++) {
    const i = 2 + ((s * 37) % 290)
    const { rr, expected } = inject(cleanSeries(300, s), i, type)
    const beats = clean(rr)
    expect(beats.map((b) => b.index)).toEqual(rr.map((_, k) => k))
    const own = [...expected].every(([k, t]) => beats[k]!.artifact === t)
    if (own) ownTypeRight++
    else failures.push(`seed ${s} at ${i}: ${beats.slice(i - 2, i + 4).map((b) => b.artifact ?? '-')}`)
    const near = beats.filter((b) => b.artifact && b.index >= i - 2 && b.index <= i + 3)
    if (own && near.length === expected.size) exactNear++
  }
  return { ownTypeRight: ownTypeRight / trials, exactNear: exactNear / trials, failures }
}

function streamClean(rr: readonly number[], cleaner = new IncrementalRrCleaner()): CleanedBeat[] {
  const out: CleanedBeat[] = []
  for (const v of rr) out.push(...cleaner.push(v))
  out.push(...cleaner.flush())
  return out
}

function cleanSeriesFrom(beats: readonly CleanedBeat[]): number[] {
  return beats.flatMap((b) =>
    b.cleanRrMs === null ? [] : b.cleanParts === 2 ? [b.cleanRrMs, b.cleanRrMs] : [b.cleanRrMs]
  )
}

const TYPES: ArtifactType[] = ['ectopic', 'missed', 'extra', 'long', 'short']

describe('cleanRr (Lipponen & Tarvainen 2019)', () => {
  it('flags (almost) nothing in clean synthetic resting series and leaves them unchanged', () => {
    let flags = 0
    for (let seed = 1; seed <= 50; seed++) {
      const rr = cleanSeries(400, seed)
      const res = cleanRr(rr)
      flags += res.beats.filter((b) => b.artifact).length
      if (res.artifactRate === 0) expect(res.cleanRrMs).toEqual(rr)
    }
    // The paper reports 99.94 % specificity on real data; allow 0.1 % here.
    expect(flags / (50 * 400)).toBeLessThanOrEqual(0.001)
  })

  for (const type of TYPES) {
    it(`flags an injected ${type} beat with its type (500 series, random positions)`, () => {
      const r = scoreInjections((rr) => cleanRr(rr).beats, type, 500)
      expect(r.ownTypeRight, r.failures.join('\n')).toBeGreaterThanOrEqual(0.995)
      expect(r.exactNear).toBeGreaterThanOrEqual(0.97)
    })
  }

  it('corrects each type back towards the clean series', () => {
    const base = cleanSeries(300, 7)
    const baseRmssd = hrvMetrics(base).rmssdMs
    for (const type of TYPES) {
      const { rr } = inject(base, 150, type)
      const raw = hrvMetrics(rr).rmssdMs
      const res = cleanRr(rr)
      const fixed = hrvMetrics(res.cleanRrMs).rmssdMs
      expect(Math.abs(fixed - baseRmssd), type).toBeLessThan(Math.abs(raw - baseRmssd) / 4)
      expect(Math.abs(fixed - baseRmssd) / baseRmssd, type).toBeLessThan(0.03)
    }
  })

  it('splits a missed beat into halves and merges an extra beat into the next interval', () => {
    const base = cleanSeries(200, 3)
    const missed = cleanRr(inject(base, 100, 'missed').rr)
    const m = missed.beats[100]!
    expect(m).toMatchObject({ artifact: 'missed', cleanParts: 2, cleanRrMs: (base[100]! + base[101]!) / 2 })
    expect(missed.cleanRrMs).toHaveLength(base.length)

    const { rr } = inject(base, 100, 'extra')
    const extra = cleanRr(rr)
    expect(extra.beats[100]).toMatchObject({ artifact: 'extra', cleanRrMs: null, cleanParts: 0 })
    expect(extra.beats[101]).toMatchObject({ artifact: null, cleanRrMs: base[100] })
    expect(extra.cleanRrMs).toEqual(base)
  })

  it('interpolates ectopic beats between their clean neighbours', () => {
    const base = cleanSeries(200, 5)
    const res = cleanRr(inject(base, 80, 'ectopic').rr)
    const [a, b] = [res.beats[80]!.cleanRrMs!, res.beats[81]!.cleanRrMs!]
    expect(a).toBeCloseTo(base[79]! + (base[82]! - base[79]!) / 3, 9)
    expect(b).toBeCloseTo(base[79]! + (2 * (base[82]! - base[79]!)) / 3, 9)
  })

  it('handles tiny inputs and rejects impossible values', () => {
    expect(cleanRr([]).beats).toEqual([])
    expect(cleanRr([]).artifactRate).toBe(0)
    expect(cleanRr([900]).cleanRrMs).toEqual([900])
    expect(cleanRr([900, 900, 900, 900]).artifactRate).toBe(0)
    expect(() => cleanRr([900, -1, 900])).toThrow(/RR interval 1 is -1 ms/)
  })

  it('gives the same result whatever ran before (its work arrays are reused between calls)', () => {
    const a = inject(cleanSeries(300, 11), 120, 'missed').rr
    const b = inject(cleanSeries(500, 12), 200, 'extra').rr.map((v) => v + 0.25) // sorted-window path
    const first = cleanRr(a)
    const snapshot = structuredClone(first)
    cleanRr(b)
    cleanRr(a.slice(0, 50))
    expect(() => cleanRr([900, 800, NaN])).toThrow(/RR interval 2/)
    expect(first).toEqual(snapshot)
    expect(cleanRr(a)).toEqual(snapshot)
  })
})

describe('slidingStat (the centred 91/11-beat windows)', () => {
  const naive = (v: number[], half: number, stat: 'qd' | 'median'): number[] =>
    v.map((_, i) => {
      const w = v.slice(Math.max(0, i - half), Math.min(v.length, i + half + 1)).sort((a, b) => a - b)
      const q = (p: number): number => {
        const h = (w.length - 1) * p
        const lo = Math.floor(h)
        return w[lo]! + (h - lo) * (w[Math.min(w.length - 1, lo + 1)]! - w[lo]!)
      }
      return stat === 'qd' ? (q(0.75) - q(0.25)) / 2 : q(0.5)
    })

  it('equals sorting each clipped window (numpy-style interpolated quantiles), ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 8 }), fc.double({ min: 0, max: 500, noNaN: true })), {
          maxLength: 300
        }),
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom('qd' as const, 'median' as const),
        (v, half, stat) => {
          const got = Array.from(slidingStat(Float64Array.from(v), half, stat))
          const want = naive(v, half, stat)
          got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 9))
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('qualityFromArtifactRate', () => {
  it('uses the documented thresholds: good <= 2 %, fair <= 5 %, poor above', () => {
    expect(qualityFromArtifactRate(0)).toBe('good')
    expect(qualityFromArtifactRate(0.02)).toBe('good')
    expect(qualityFromArtifactRate(0.0201)).toBe('fair')
    expect(qualityFromArtifactRate(0.05)).toBe('fair')
    expect(qualityFromArtifactRate(0.0501)).toBe('poor')
    expect(qualityFromArtifactRate(1)).toBe('poor')
    expect(qualityFromArtifactRate(NaN)).toBe('poor')
  })
})

describe('IncrementalRrCleaner', () => {
  for (const type of TYPES) {
    it(`flags an injected ${type} beat with its type, like the batch cleaner`, () => {
      const r = scoreInjections((rr) => streamClean(rr), type, 500)
      expect(r.ownTypeRight, r.failures.join('\n')).toBeGreaterThanOrEqual(0.995)
      expect(r.exactNear).toBeGreaterThanOrEqual(0.97)
    })
  }

  it('judges beat k-6 when beat k arrives (after the warm-up), each beat exactly once', () => {
    const rr = cleanSeries(100, 11)
    const c = new IncrementalRrCleaner({ warmupBeats: 16 })
    const seen: number[] = []
    rr.forEach((v, k) => {
      const out = c.push(v)
      if (k < 15) expect(out).toEqual([])
      else if (k === 15) expect(out.map((b) => b.index)).toEqual([...Array(10).keys()])
      else expect(out.map((b) => b.index)).toEqual([k - 6])
      seen.push(...out.map((b) => b.index))
    })
    seen.push(...c.flush().map((b) => b.index))
    expect(seen).toEqual([...rr.keys()])
    expect(c.stats()).toMatchObject({ beats: 100, judged: 100, artifactRate: 0 })
  })

  it('reset() starts a new stream', () => {
    const c = new IncrementalRrCleaner()
    streamClean(inject(cleanSeries(100, 2), 50, 'missed').rr, c)
    expect(c.stats().counts.missed).toBe(1)
    c.reset()
    expect(c.stats()).toMatchObject({ beats: 0, judged: 0, artifactRate: 0 })
    expect(streamClean([900, 910, 905], c).map((b) => b.index)).toEqual([0, 1, 2])
  })

  it('keeps indices absolute over a long stream (its history is compacted as it goes)', () => {
    const rr = cleanSeries(6000, 9)
    const { rr: withMissed } = inject(rr, 5000, 'missed')
    const beats = streamClean(withMissed)
    expect(beats.map((b) => b.index)).toEqual(withMissed.map((_, k) => k))
    expect(beats[5000]).toMatchObject({ artifact: 'missed', rrMs: rr[5000]! + rr[5001]! })
    expect(beats.every((b) => b.rrMs === withMissed[b.index])).toBe(true)
    const others = beats.filter((b) => b.artifact && b.index !== 5000)
    expect(others.length).toBeLessThanOrEqual(6) // 0.1 %: L-T's borderline false positives
  })
})

describe.each([
  { source: '../shared/data/rr', dir: sharedDir },
  { source: 'resources/fixtures/rr', dir: fixturesDir }
])('cleaning the real recordings in $source', ({ dir }) => {
  const load = (f: string): number[] => parseRrText(readFileSync(join(dir, f), 'utf8'), f).rrMs
  describe.skipIf(!existsSync(dir))('', () => {
    it('brings the noisy file RMSSD from 58.7 ms into the 37-38 ms range of the reference tools', () => {
      const rr = load('rhenanbartels-hrv_noisy_rri.txt')
      const res = cleanRr(rr)
      expect(hrvMetrics(rr).rmssdMs).toBeCloseTo(58.66, 1)
      const rmssd = hrvMetrics(res.cleanRrMs).rmssdMs
      expect(rmssd).toBeGreaterThanOrEqual(37)
      expect(rmssd).toBeLessThanOrEqual(38.5)
      for (const i of [222, 442, 486, 926]) expect(res.beats[i]!.artifact, `beat ${i}`).toBe('missed')
      expect(qualityFromArtifactRate(res.artifactRate)).toBe('good')
    })

    it('the streaming cleaner catches the same missed beats and lands in the same RMSSD range', () => {
      const rr = load('rhenanbartels-hrv_noisy_rri.txt')
      const beats = streamClean(rr)
      for (const i of [222, 442, 486, 926]) expect(beats[i]!.artifact, `beat ${i}`).toBe('missed')
      const rmssd = hrvMetrics(cleanSeriesFrom(beats)).rmssdMs
      expect(rmssd).toBeGreaterThanOrEqual(37)
      expect(rmssd).toBeLessThanOrEqual(38.5)
    })

    it('leaves the clean rest recording almost untouched (signal quality good)', () => {
      const rr = load('rhenanbartels-hrv_rest_rri.txt')
      const res = cleanRr(rr)
      expect(qualityFromArtifactRate(res.artifactRate)).toBe('good')
      expect(res.counts.missed + res.counts.extra).toBe(0)
      const before = hrvMetrics(rr).rmssdMs
      expect(Math.abs(hrvMetrics(res.cleanRrMs).rmssdMs - before) / before).toBeLessThan(0.1)
    })
  })
})
