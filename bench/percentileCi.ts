/**
 * A percentile with a distribution-free 95 % confidence interval from order statistics: the
 * number of samples below the true p-quantile is Binomial(n, p), so the interval runs between the
 * order statistics at that binomial's 2.5 % and 97.5 % points (normal approximation with a
 * continuity margin, clipped to the sample). With few samples the upper end is the maximum: the
 * interval then says honestly that the p99 is not pinned down.
 */
export function percentileCi(samples: number[], p: number): { value: number; low: number; high: number } {
  const s = [...samples].sort((a, b) => a - b)
  const n = s.length
  if (n === 0) return { value: NaN, low: NaN, high: NaN }
  const at = (rank: number): number => s[Math.min(n - 1, Math.max(0, rank))]!
  const sd = Math.sqrt(n * p * (1 - p))
  return {
    value: at(Math.ceil(p * n) - 1),
    low: at(Math.floor(n * p - 1.96 * sd) - 1),
    high: at(Math.ceil(n * p + 1.96 * sd))
  }
}
