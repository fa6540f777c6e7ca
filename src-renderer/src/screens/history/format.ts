/** Formatting for the history screen, pure: dates and numbers through Intl in the UI locale. */
import type { Locale } from '../../lib/i18n/translate'
import { en, type MessageKey } from '../../lib/i18n/en'
import type { ArousalState, ProtocolName } from '../../../../src-main/shared/contract'

/** "12 Mar 2025, 14:05" / "2025年3月12日 14:05"; the raw text when the timestamp is unreadable. */
export function formatDateTime(locale: Locale, utc: string, timeZone?: string): string {
  const date = new Date(utc)
  if (Number.isNaN(date.getTime())) return utc
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date)
}

/** The catalogue key of an arousal state (null: not measured). */
export function stateKey(state: ArousalState | null): MessageKey {
  return state === null ? 'history.state.none' : `history.state.${state}`
}

/**
 * The catalogue key of a protocol name (null: none done). A name this version has no words for (a
 * session from a newer Limbic) reads "another practice" instead of a raw key.
 */
export function protocolKey(protocol: ProtocolName | string | null): MessageKey {
  if (protocol === null) return 'history.protocol.none'
  const key = `history.protocol.${protocol}`
  return Object.hasOwn(en, key) ? (key as MessageKey) : 'history.protocol.other'
}

/** A duration as a message key and its parameters (the catalogue orders the words). */
export function durationMessage(seconds: number): {
  key: MessageKey
  params: { h: number; m: number; s: number }
} {
  const total = Math.max(0, Math.round(Number.isFinite(seconds) ? seconds : 0))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return { key: 'history.duration.hm', params: { h, m, s } }
  if (m > 0) return { key: 'history.duration.ms', params: { h, m, s } }
  return { key: 'history.duration.s', params: { h, m, s } }
}

/** Seconds into the session as a clock: "4:05", "1:02:09". Digits are the same in both locales. */
export function clock(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (v: number): string => String(v).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

/** Tick steps for a time axis, in seconds: whole seconds, minutes and hours a clock reads well. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200]

/** The smallest clock-friendly step that puts at most `maxTicks` intervals on `spanS` seconds. */
export function timeStep(spanS: number, maxTicks = 8): number {
  const span = Number.isFinite(spanS) && spanS > 0 ? spanS : 1
  for (const step of TIME_STEPS) if (span / step <= maxTicks) return step
  return Math.ceil(span / maxTicks / 3600) * 3600
}

/**
 * A failed call as a message: the "not available in this build yet" rejection of a build whose
 * history handlers have not landed gets its own sentence, anything else shows its reason.
 */
export function problemMessage(reason: string): { key: MessageKey; params: { reason: string } } {
  return /not available in this build/i.test(reason)
    ? { key: 'history.error.unavailable', params: { reason } }
    : { key: 'history.error.failed', params: { reason } }
}

/**
 * Why a delete failed. Main refuses to touch a folder whose session.json is missing or unreadable
 * ("…; it is left alone"): that gets its own translated sentence, since main's reason is English and
 * names JSON parse positions; anything else is shown as main worded it.
 */
export function deleteProblemMessage(reason: string): { key: MessageKey; params: { reason: string } } {
  return /session\.json/.test(reason) && /it is left alone$/.test(reason)
    ? { key: 'history.deleteRefused', params: { reason } }
    : { key: 'history.deleteFailed', params: { reason } }
}

export function isUnavailable(reason: string | null): boolean {
  return reason !== null && /not available in this build/i.test(reason)
}

/**
 * The reason from a rejected IPC call, without Electron's wrapper
 * ("Error invoking remote method 'history:list': Error: …").
 */
export function reasonOf(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err)
  return raw.replace(/^Error invoking remote method '[^']*':\s*/, '').replace(/^(\w*Error):\s*/, '') || raw
}
