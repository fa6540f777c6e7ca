/**
 * The history screen's balance chart data: a 2-hour recording at 100 Hz (720,000 CoP points, as a
 * session without decimation would give) with 40 drill trials, cut into trials with a sway
 * ellipse each (`balanceTrials`). This figure used to be a < 500 ms assertion in chartData.test.ts;
 * wall time belongs here, where a busy machine cannot fail the test suite.
 */
import type { SessionDetail } from '../src-main/shared/contract'
import { balanceTrials } from '../src-renderer/src/screens/history/chartData'
import { printFigure } from './stats'

const RUNS = 7

function twoHourDetail(): SessionDetail {
  const n = 2 * 3600 * 100
  const balance = { tS: new Array<number>(n), copXMm: new Array<number>(n), copYMm: new Array<number>(n) }
  for (let i = 0; i < n; i++) {
    balance.tS[i] = i / 100
    balance.copXMm[i] = 5 * Math.sin(i / 37)
    balance.copYMm[i] = 3 * Math.cos(i / 53)
  }
  const spans = Array.from({ length: 40 }, (_, i) => ({
    kind: 'drill-trial',
    label: String(i),
    fromS: i * 150,
    toS: i * 150 + 30
  }))
  return {
    summary: {
      id: 'bench',
      startUtc: '2026-01-01T08:00:00.000Z',
      endUtc: '2026-01-01T10:00:00.000Z',
      durationS: 7200,
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
    spans,
    balance
  }
}

export default async function (): Promise<void> {
  const detail = twoHourDetail()
  let trials = balanceTrials(detail) // warm-up
  const samples: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now()
    trials = balanceTrials(detail)
    samples.push(performance.now() - t)
  }
  if (trials.length !== 40) throw new Error(`expected 40 trials, got ${trials.length}`)
  const sorted = [...samples].sort((a, b) => a - b)
  printFigure(
    'history chart: 2 h at 100 Hz, 40 trials',
    sorted[Math.floor(sorted.length / 2)]!,
    'ms (median)',
    `min ${sorted[0]!.toFixed(1)} ms, ${RUNS} runs; balanceTrials with a sway ellipse per trial`
  )
}
