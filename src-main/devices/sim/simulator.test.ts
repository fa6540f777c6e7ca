import { describe, expect, it } from 'vitest'
import { ManualClock } from '../clock'
import type { BeatSample, Sample } from '../dataSource'
import { decodeHeartRateMeasurement } from '../ble/heartRateMeasurement'
import {
  RESONANCE_BOOST,
  resonanceResponse,
  seededResonanceBpm,
  SimulatedHeart,
  SIM_RESONANCE_MAX_BPM,
  SIM_RESONANCE_MIN_BPM
} from './simulatedHeart'
import { SimulatedStrap } from './simulatedStrap'
import { SimulatorSource } from './simulatorSource'
import { pacedBreathPattern, sighPattern } from '../../shared/breathing'
import { cleanRr } from '../../signal/rrCleaning'
import { estimateRespiration } from '../../signal/respiration'

function rmssd(rr: number[]): number {
  let s = 0
  for (let i = 1; i < rr.length; i++) s += (rr[i]! - rr[i - 1]!) ** 2
  return Math.sqrt(s / (rr.length - 1))
}

function beats(heart: SimulatedHeart, seconds: number): number[] {
  const out: number[] = []
  while (heart.elapsedMs < seconds * 1000) {
    const b = heart.nextBeat()
    if (!b.artifact) out.push(b.rrMs)
  }
  return out
}

/** Dominant period of the RR series (in beats -> s), by autocorrelation over plausible lags. */
function dominantBreathsPerMin(rr: number[]): number {
  const meanRr = rr.reduce((a, b) => a + b, 0) / rr.length
  const x = rr.map((v) => v - meanRr)
  let bestLag = 0
  let best = -Infinity
  for (let lag = 2; lag < 40; lag++) {
    let s = 0
    for (let i = lag; i < x.length; i++) s += x[i]! * x[i - lag]!
    s /= x.length - lag
    if (s > best) {
      best = s
      bestLag = lag
    }
  }
  return 60000 / (bestLag * meanRr)
}

describe('simulated heart', () => {
  it('is reproducible for a seed and different across seeds', () => {
    const a = beats(new SimulatedHeart({ seed: 7 }), 60)
    const b = beats(new SimulatedHeart({ seed: 7 }), 60)
    const c = beats(new SimulatedHeart({ seed: 8 }), 60)
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('higher arousal means higher heart rate and lower RMSSD', () => {
    const calm = beats(
      new SimulatedHeart({ seed: 3, arousal: 0.3, ectopicProbability: 0, missedProbability: 0 }),
      180
    )
    const wired = beats(
      new SimulatedHeart({ seed: 3, arousal: 0.9, ectopicProbability: 0, missedProbability: 0 }),
      180
    )
    const hr = (rr: number[]) => 60000 / (rr.reduce((a, b) => a + b, 0) / rr.length)
    expect(hr(wired) - hr(calm)).toBeGreaterThan(15)
    expect(rmssd(calm)).toBeGreaterThan(1.8 * rmssd(wired))
    expect(rmssd(calm)).toBeGreaterThan(20)
    expect(rmssd(calm)).toBeLessThan(120)
  })

  it('puts in ectopic and missed beats at about the configured rate', () => {
    const heart = new SimulatedHeart({ seed: 5, ectopicProbability: 0.01, missedProbability: 0.01 })
    const kinds: Record<string, number> = {}
    for (let i = 0; i < 5000; i++) {
      const k = heart.nextBeat().artifact ?? 'normal'
      kinds[k] = (kinds[k] ?? 0) + 1
    }
    expect(kinds.ectopic).toBeGreaterThan(25)
    expect(kinds.ectopic).toBeLessThan(80)
    expect(kinds.compensatory).toBe(kinds.ectopic)
    expect(kinds.missed).toBeGreaterThan(25)
  })

  it('follows a 6-per-minute sigh pacer: RSA at the pacer rate and larger swings', () => {
    const spontaneous = new SimulatedHeart({
      seed: 11,
      arousal: 0.5,
      ectopicProbability: 0,
      missedProbability: 0
    })
    const paced = new SimulatedHeart({ seed: 11, arousal: 0.5, ectopicProbability: 0, missedProbability: 0 })
    paced.followPattern(sighPattern(2000, 1000, 7000)) // 10 s cycle = 6 breaths/min
    const rrSpont = beats(spontaneous, 240)
    const rrPaced = beats(paced, 240)
    expect(dominantBreathsPerMin(rrPaced)).toBeGreaterThan(5.2)
    expect(dominantBreathsPerMin(rrPaced)).toBeLessThan(6.8)
    const sd = (rr: number[]) => {
      const m = rr.reduce((a, b) => a + b, 0) / rr.length
      return Math.sqrt(rr.reduce((a, b) => a + (b - m) ** 2, 0) / (rr.length - 1))
    }
    expect(sd(rrPaced)).toBeGreaterThan(1.3 * sd(rrSpont))
  })

  it('a person following the sigh pacer breathes at its rate in the RR series, whatever the seed', () => {
    // Near 6/min the baroreflex wave entrains to the breath, so nothing competes with the pacer's
    // rhythm: the signal core must read the pacer's rate from (cleaned) RR for every seed.
    for (let seed = 1; seed <= 8; seed++) {
      const heart = new SimulatedHeart({ seed })
      heart.setArousal(0.8, true)
      heart.followPattern(sighPattern())
      const rr = Array.from({ length: 200 }, () => heart.nextBeat().rrMs).slice(-80)
      const clean = cleanRr(rr).cleanRrMs
      let t = 0
      const times = clean.map((x) => (t += x))
      const estimate = estimateRespiration(times, clean)
      expect(estimate?.breathsPerMin, `seed ${seed}`).toBeCloseTo(60 / 9, 0)
      expect(estimate!.confidence, `seed ${seed}`).toBeGreaterThan(0.6)
    }
  })

  it('a calming practice brings an anxious person toward the optimal band; it does not flatten a calm one', () => {
    const anxious = new SimulatedHeart({ seed: 2, arousal: 0.9, practiceTauS: 60 })
    anxious.followPattern(sighPattern())
    beats(anxious, 300)
    expect(anxious.currentArousal).toBeLessThan(0.65)
    expect(anxious.currentArousal).toBeGreaterThan(0.45)
    const flat = new SimulatedHeart({ seed: 2, arousal: 0.2 })
    flat.followPattern(sighPattern())
    beats(flat, 300)
    expect(flat.currentArousal).toBeCloseTo(0.2, 5)
  })
})

/** Amplitude (ms) of the RR series' sinusoid at `breathsPerMin`, least squares beside a line. */
function rrAmplitudeAt(times: number[], rr: number[], breathsPerMin: number): number {
  const w = (2 * Math.PI * breathsPerMin) / 60000
  // Normal equations for [1, t, cos, sin] solved by elimination (4×4).
  const rows = times.map((t) => [1, t / 60000, Math.cos(w * t), Math.sin(w * t)])
  const a = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)))
  const y = [0, 1, 2, 3].map((i) => rows.reduce((s, r, k) => s + r[i]! * rr[k]!, 0))
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 4; r++) {
      if (r === c) continue
      const f = a[r]![c]! / a[c]![c]!
      for (let j = 0; j < 4; j++) a[r]![j] = a[r]![j]! - f * a[c]![j]!
      y[r] = y[r]! - f * y[c]!
    }
  }
  return Math.hypot(y[2]! / a[2]![2]!, y[3]! / a[3]![3]!)
}

describe('simulated resonance frequency', () => {
  it('each seed has its own, within 4.5-6.5/min, from a stream of its own', () => {
    const values = Array.from({ length: 50 }, (_, i) => new SimulatedHeart({ seed: i + 1 }).resonanceBpm)
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(SIM_RESONANCE_MIN_BPM)
      expect(v).toBeLessThanOrEqual(SIM_RESONANCE_MAX_BPM)
    }
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(1.5)
    expect(new SimulatedHeart({ seed: 7 }).resonanceBpm).toBe(seededResonanceBpm(7))
    expect(new SimulatedHeart({ seed: 7, resonanceBpm: 5 }).resonanceBpm).toBe(5)
    // Giving a seed's own value explicitly changes nothing: the beats do not draw from it.
    const seeded = beats(new SimulatedHeart({ seed: 7 }), 60)
    const explicit = beats(new SimulatedHeart({ seed: 7, resonanceBpm: seededResonanceBpm(7) }), 60)
    expect(explicit).toEqual(seeded)
    expect(() => new SimulatedHeart({ resonanceBpm: 30 })).toThrow(/resonanceBpm/)
  })

  it('the response is largest and in phase at resonance, leads below it and lags above it', () => {
    const at = resonanceResponse(5.5, 5.5)
    expect(at.gain).toBeCloseTo(1 + RESONANCE_BOOST, 9)
    expect(at.phaseRad).toBeCloseTo(0, 9)
    for (const rate of [4, 4.5, 5, 5.25, 5.75, 6, 6.5, 7, 12]) {
      const r = resonanceResponse(rate, 5.5)
      expect(r.gain).toBeLessThan(at.gain)
      expect(Math.sign(r.phaseRad)).toBe(rate < 5.5 ? 1 : -1)
    }
    // 0.5/min off loses a few %, 1.5/min off about a third.
    expect(resonanceResponse(6, 5.5).gain / at.gain).toBeGreaterThan(0.9)
    expect(resonanceResponse(7, 5.5).gain / at.gain).toBeLessThan(0.75)
  })

  it('breathing at the resonance frequency gives the largest RR oscillation; away from it less', () => {
    for (const resonanceBpm of [4.6, 5.5, 6.4]) {
      const amp = (rate: number): number => {
        const heart = new SimulatedHeart({
          seed: 21,
          arousal: 0.45,
          resonanceBpm,
          ectopicProbability: 0,
          missedProbability: 0
        })
        const cycle = 60000 / rate
        heart.followPattern(pacedBreathPattern(0.4 * cycle, 0.6 * cycle))
        const times: number[] = []
        const rr: number[] = []
        while (heart.elapsedMs < 180_000) {
          const b = heart.nextBeat()
          times.push(b.tMs - b.rrMs / 2)
          rr.push(b.rrMs)
        }
        return rrAmplitudeAt(times, rr, rate)
      }
      const rates = [4.5, 5, 5.5, 6, 6.5]
      const amps = rates.map(amp)
      const nearest = rates.reduce((b, r) =>
        Math.abs(r - resonanceBpm) < Math.abs(b - resonanceBpm) ? r : b
      )
      const best = rates[amps.indexOf(Math.max(...amps))]
      expect(best, `resonance ${resonanceBpm}: ${amps.map((a) => a.toFixed(1)).join(' ')}`).toBe(nearest)
      // Two steps (1/min) away the oscillation is clearly smaller.
      for (let i = 0; i < rates.length; i++) {
        if (Math.abs(rates[i]! - resonanceBpm) >= 1) expect(amps[i]!).toBeLessThan(0.9 * Math.max(...amps))
      }
    }
  })
})

describe('simulated strap packets', () => {
  it('sends one notification a second; the first has no RR; RR sums match elapsed time', () => {
    const heart = new SimulatedHeart({ seed: 4, arousal: 0.7 })
    const strap = new SimulatedStrap(heart)
    const packets = strap.packetsUntil(120_000)
    expect(packets).toHaveLength(120)
    const decoded = packets.map((p) => decodeHeartRateMeasurement(p.bytes))
    expect(decoded[0]!.rrMs).toEqual([])
    expect(decoded[0]!.contact).toBe('detected')
    const rrTotal = decoded.slice(1).reduce((sum, m) => sum + m.rrMs.reduce((a, b) => a + b, 0), 0)
    // Everything after the first second, minus at most the beat still in flight.
    expect(rrTotal).toBeGreaterThan(119_000 - 2000 - 1500)
    expect(rrTotal).toBeLessThan(119_000 + 50)
    expect(decoded.some((m) => m.rrMs.length >= 2)).toBe(true)
    expect(decoded.some((m) => m.energyKj !== null)).toBe(true)
  })
})

describe('SimulatorSource', () => {
  it('streams beats through the real parser in clock time and stops cleanly', async () => {
    const clock = new ManualClock(1_000_000)
    const source = new SimulatorSource({ clock, seed: 9 })
    const samples: Sample[] = []
    const states: string[] = []
    source.onSample((s) => samples.push(s))
    source.onStatus((s) => states.push(s.state))
    await source.connect()
    await source.start()
    clock.advance(30_000)
    const beatSamples = samples.filter((s): s is BeatSample => s.type === 'beat')
    expect(samples.filter((s) => s.type === 'hr')).toHaveLength(30)
    expect(beatSamples.length).toBeGreaterThan(30)
    // Beat times are strictly increasing with gap-free sequence numbers.
    for (let i = 1; i < beatSamples.length; i++) {
      expect(beatSamples[i]!.tMs).toBeGreaterThan(beatSamples[i - 1]!.tMs)
      expect(beatSamples[i]!.seq).toBe(beatSamples[i - 1]!.seq + 1)
    }
    // Beat times follow the RR sum anchored to arrival: they track the clock within a beat or so.
    expect(Math.abs(beatSamples.at(-1)!.tMs - clock.now())).toBeLessThan(1500)
    await source.stop()
    const n = samples.length
    clock.advance(10_000)
    expect(samples.length).toBe(n)
    expect(states).toContain('streaming')
    await source.dispose()
    expect(clock.pendingTimers()).toBe(0)
  })
})
