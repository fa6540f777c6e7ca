/** Helpers for benchmarks: percentiles and a uniform print format. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[idx]!
}

export function summarize(samplesMs: number[]): { p50: number; p99: number; mean: number; n: number } {
  const s = [...samplesMs].sort((a, b) => a - b)
  return {
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    n: s.length
  }
}

export function printFigure(name: string, value: number, unit: string, note = ''): void {
  console.log(
    `${name.padEnd(48)} ${value.toFixed(value < 10 ? 4 : 1).padStart(12)} ${unit}${note ? `  (${note})` : ''}`
  )
}
