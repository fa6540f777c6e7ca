/**
 * The F-distribution quantile the 95 % sway ellipse needs (Prieto et al. 1996), shared by the
 * signal core (ellipse area per drill trial) and the history view (the ellipse it draws).
 *
 * For 2 numerator degrees of freedom the survival function has a closed form,
 *   P(F > f) = (1 + 2f/m)^(-m/2),  so  F(p; 2, m) = (m / 2) * ((1 - p)^(-2/m) - 1),
 * which tends to -ln(1 - p) (2.996 for p = 0.95) as m grows.
 */

/** The p-quantile of the F distribution with 2 and m degrees of freedom; +Infinity for m <= 0. */
export function fQuantile2(p: number, m: number): number {
  if (!(m > 0)) return Number.POSITIVE_INFINITY
  return (m / 2) * (Math.pow(1 - p, -2 / m) - 1)
}
