import { describe, expect, it } from 'vitest'
import type { SessionDetail } from '../../../../src-main/shared/contract'
import {
  balanceTrials,
  errorMarkers,
  heartSeries,
  lowerBound,
  MAX_TRACE_POINTS,
  shadedSpans,
  spanCategory,
  squareBounds,
  thin,
  valueAt
} from './chartData'
import { swayEllipse } from '../../../../src-main/shared/swayEllipse'

function detail(patch: Partial<SessionDetail> = {}): SessionDetail {
  return {
    summary: {
      id: 's1',
      startUtc: '2025-03-12T09:00:00.000Z',
      endUtc: '2025-03-12T10:00:00.000Z',
      durationS: 3600,
      task: null,
      preState: null,
      postState: null,
      protocol: null,
      errors: 0,
      overridden: false,
      problem: null
    },
    meta: {},
    heart: { tS: [], hrBpm: [], rmssdMs: [] },
    beats: 0,
    events: [],
    spans: [],
    balance: null,
    ...patch
  }
}

describe('heart series', () => {
  it('keeps finite values, leaves RMSSD gaps out and sorts by time', () => {
    const s = heartSeries({
      tS: [2, 1, NaN, 3, 4],
      hrBpm: [62, 60, 99, NaN, 64],
      rmssdMs: [40, null, 10, 42, null]
    })
    expect(s.hr).toEqual([
      { x: 1, y: 60 },
      { x: 2, y: 62 },
      { x: 4, y: 64 }
    ])
    expect(s.rmssd).toEqual([
      { x: 2, y: 40 },
      { x: 3, y: 42 }
    ])
  })

  it('interpolates a sorted series and clamps at its ends', () => {
    const hr = [
      { x: 0, y: 60 },
      { x: 10, y: 80 },
      { x: 20, y: 70 }
    ]
    expect(valueAt(hr, 5)).toBe(70)
    expect(valueAt(hr, 15)).toBe(75)
    expect(valueAt(hr, -3)).toBe(60)
    expect(valueAt(hr, 99)).toBe(70)
    expect(valueAt([], 1)).toBeNull()
  })
})

describe('error markers', () => {
  it('puts error and drill-error events on the HR line, in time order, and nothing else', () => {
    const hr = [
      { x: 0, y: 60 },
      { x: 100, y: 80 }
    ]
    const markers = errorMarkers(
      [
        { tS: 75, type: 'drill-error', detail: '' },
        { tS: 25, type: 'error', detail: '{"source":"key"}' },
        { tS: 30, type: 'frustration', detail: '' },
        { tS: 40, type: 'gate', detail: '' },
        { tS: NaN, type: 'error', detail: '' }
      ],
      hr
    )
    expect(markers).toEqual([
      { x: 25, y: 65, type: 'error' },
      { x: 75, y: 75, type: 'drill-error' }
    ])
  })

  it('uses the fallback height without heart data', () => {
    expect(errorMarkers([{ tS: 3, type: 'error', detail: '' }], [], 50)).toEqual([
      { x: 3, y: 50, type: 'error' }
    ])
  })
})

describe('shaded spans', () => {
  it('categorises protocol, drill and timer kinds', () => {
    expect(spanCategory('protocol')).toBe('protocol')
    expect(spanCategory('breath-phase')).toBe('protocol')
    expect(spanCategory('drill-trial')).toBe('drill')
    expect(spanCategory('timer-phase')).toBe('timer')
    expect(spanCategory('check-in')).toBe('checkIn')
    expect(spanCategory('note')).toBe('other')
  })

  it('drops empty or reversed spans and sorts by start', () => {
    const spans = shadedSpans([
      { kind: 'timer', label: 'focus', fromS: 300, toS: 900 },
      { kind: 'protocol', label: 'sigh', fromS: 60, toS: 180 },
      { kind: 'drill', label: 'x', fromS: 200, toS: 200 },
      { kind: 'drill', label: 'y', fromS: 250, toS: 240 },
      { kind: 'drill', label: 'z', fromS: NaN, toS: 240 }
    ])
    expect(spans.map((s) => [s.category, s.fromS, s.toS])).toEqual([
      ['protocol', 60, 180],
      ['timer', 300, 900]
    ])
    expect(spans[0]!.color).not.toBe(spans[1]!.color)
  })
})

describe('balance trials', () => {
  /** 100 Hz CoP: a wide sway in the first window, a narrow one in the second. */
  function balance(): NonNullable<SessionDetail['balance']> {
    const b = { tS: [] as number[], copXMm: [] as number[], copYMm: [] as number[] }
    for (let i = 0; i < 6000; i++) {
      const t = i / 100
      const wide = t < 30
      b.tS.push(t)
      b.copXMm.push((wide ? 20 : 4) * Math.sin(t * 2.1) + (wide ? 0 : 10))
      b.copYMm.push((wide ? 10 : 2) * Math.cos(t * 1.3))
    }
    return b
  }

  it('splits the CoP trace into the drill trials and computes each ellipse from all its samples', () => {
    const bal = balance()
    const trials = balanceTrials(
      detail({
        balance: bal,
        spans: [
          { kind: 'drill-trial', label: 'tandem', fromS: 0, toS: 29.99 },
          { kind: 'timer', label: 'focus', fromS: 0, toS: 60 },
          { kind: 'drill-trial', label: 'single-leg', fromS: 30, toS: 59.99 }
        ],
        events: [
          { tS: 0, type: 'drill-trial', detail: '{"phase":"start","stance":"tandem"}' },
          {
            tS: 30,
            type: 'drill-trial',
            detail: JSON.stringify({ phase: 'end', stance: 'tandem', ellipseAreaMm2: 1234.5 })
          },
          { tS: 30, type: 'drill-trial', detail: '{"phase":"start","stance":"single-leg-eyes-open"}' },
          { tS: 60, type: 'drill-trial', detail: '{"ellipseAreaMm2":55,"stance":"on-one-hand"}' }
        ]
      })
    )
    expect(trials.map((t) => [t.index, t.label, t.recordedAreaMm2, t.stance])).toEqual([
      [1, 'tandem', 1234.5, 'tandem'],
      [2, 'single-leg', 55, null]
    ])
    expect(trials[0]!.trace).toHaveLength(MAX_TRACE_POINTS)
    const firstX = bal.copXMm.slice(0, 3000)
    const firstY = bal.copYMm.slice(0, 3000)
    expect(trials[0]!.ellipse!.areaMm2).toBeCloseTo(swayEllipse(firstX, firstY)!.areaMm2, 6)
    expect(trials[0]!.ellipse!.areaMm2).toBeGreaterThan(10 * trials[1]!.ellipse!.areaMm2)
    expect(trials[1]!.ellipse!.cx).toBeCloseTo(10, 0)
  })

  it('leaves a step-off out of the trace and the ellipse and breaks the line there', () => {
    // Quiet standing (±3 mm) for 20 s; at 10 s the person runs to the edge and steps off.
    const b = { tS: [] as number[], copXMm: [] as number[], copYMm: [] as number[] }
    for (let i = 0; i < 2000; i++) {
      const t = i / 100
      b.tS.push(t)
      const stepping = t > 9.5 && t < 10
      b.copXMm.push(stepping ? 180 : 3 * Math.sin(t * 2.1))
      b.copYMm.push(stepping ? 100 : t >= 10 && t < 11 ? NaN : 3 * Math.cos(t * 1.3))
    }
    const quiet = balanceTrials(detail({ balance: b }))[0]!
    const withLoss = balanceTrials(
      detail({ balance: b, events: [{ tS: 10, type: 'drill-error', detail: '{"source":"board"}' }] })
    )[0]!
    // Without the event the run to the edge inflates the area; with it, the area is quiet sway.
    expect(quiet.ellipse!.areaMm2).toBeGreaterThan(10 * withLoss.ellipse!.areaMm2)
    expect(withLoss.ellipse!.areaMm2).toBeLessThan(200)
    expect(withLoss.trace.some((p) => Math.abs(p.x) > 10)).toBe(false)
    // One break where the samples were left out, none elsewhere.
    expect(withLoss.trace.filter((p) => Number.isNaN(p.x))).toHaveLength(1)
  })

  it('is one trial over the whole trace without drill spans, and none without balance data', () => {
    const trials = balanceTrials(detail({ balance: balance() }))
    expect(trials).toHaveLength(1)
    expect(trials[0]!.ellipse!.n).toBe(6000)
    expect(trials[0]!.recordedAreaMm2).toBeNull()
    expect(balanceTrials(detail())).toEqual([])
  })

  it('numbers trials by their drill span even when one has no samples', () => {
    const trials = balanceTrials(
      detail({
        balance: balance(),
        spans: [
          { kind: 'drill', label: 'before', fromS: -50, toS: -10 },
          { kind: 'drill', label: 'real', fromS: 10, toS: 20 }
        ],
        events: [
          { tS: -10, type: 'drill-trial', detail: '{"ellipseAreaMm2":1}' },
          { tS: 20, type: 'drill-trial', detail: '{"ellipseAreaMm2":2}' }
        ]
      })
    )
    expect(trials.map((t) => [t.index, t.recordedAreaMm2])).toEqual([[2, 2]])
  })

  // How long this takes is a figure in `npm run bench` (chart-data), not a unit-test threshold.
  it('handles a 2-hour 100 Hz recording with 40 trials: every trial gets its own ellipse', () => {
    const n = 2 * 3600 * 100
    const b = { tS: new Array<number>(n), copXMm: new Array<number>(n), copYMm: new Array<number>(n) }
    for (let i = 0; i < n; i++) {
      b.tS[i] = i / 100
      b.copXMm[i] = 5 * Math.sin(i / 37)
      b.copYMm[i] = 3 * Math.cos(i / 53)
    }
    const spans = Array.from({ length: 40 }, (_, i) => ({
      kind: 'drill-trial',
      label: String(i),
      fromS: i * 150,
      toS: i * 150 + 30
    }))
    const trials = balanceTrials(detail({ balance: b, spans }))
    expect(trials).toHaveLength(40)
    expect(trials.every((t) => t.ellipse !== null && t.ellipse.n === 3001)).toBe(true)
  })
})

describe('helpers', () => {
  it('thins evenly and keeps the first and last item', () => {
    const items = Array.from({ length: 1001 }, (_, i) => i)
    const out = thin(items, 11)
    expect(out).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    expect(thin([1, 2, 3], 10)).toEqual([1, 2, 3])
    expect(thin([1, 2, 3], 1)).toEqual([3])
  })

  it('finds the lower bound in a sorted array', () => {
    expect(lowerBound([1, 2, 2, 5], 2)).toBe(1)
    expect(lowerBound([1, 2, 2, 5], 3)).toBe(3)
    expect(lowerBound([1, 2, 2, 5], 9)).toBe(4)
    expect(lowerBound([], 1)).toBe(0)
  })

  it('gives square bounds around the points, with padding', () => {
    const b = squareBounds([
      { x: -10, y: 0 },
      { x: 30, y: 10 }
    ])
    expect(b.xMax - b.xMin).toBeCloseTo(b.yMax - b.yMin)
    expect(b.xMin).toBe(-15)
    expect(b.xMax).toBe(35)
    expect((b.yMin + b.yMax) / 2).toBe(5)
  })
})
