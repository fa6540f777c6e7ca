/** Locale-aware clock and duration text for the timer (Intl only; no hand-built units). */
import type { Locale } from '../../lib/i18n/translate'

/** A running clock: "07:05" or "1:02:09". Digits only, so it reads the same in every locale. */
export function clockText(locale: Locale, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false })
  const one = new Intl.NumberFormat(locale, { useGrouping: false })
  return h > 0 ? `${one.format(h)}:${two.format(m)}:${two.format(s)}` : `${two.format(m)}:${two.format(s)}`
}

/** A duration in whole minutes, or in seconds when under a minute: "42 minutes", "42分钟". */
export function durationText(locale: Locale, ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60)
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(
      seconds
    )
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(
    Math.round(seconds / 60)
  )
}

/** Wall-clock time of day: "14:05:09" / "2:05:09 PM". */
export function timeOfDay(locale: Locale, wallMs: number): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', second: '2-digit' }).format(
    new Date(wallMs)
  )
}
