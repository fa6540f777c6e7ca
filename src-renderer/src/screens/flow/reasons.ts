/**
 * Main sends arousal reasons as codes and numbers; this turns each into one whole localized
 * sentence (message key + parameters). Pure, so the wording rules are unit-tested.
 */
import type { ArousalReason, ArousalState, SignalQuality } from '../../../../src-main/shared/contract'
import type { MessageKey } from '../../lib/i18n/en'

export interface Sentence {
  key: MessageKey
  params?: Record<string, string | number>
}

/** Below this, a difference is reported as "about the same as your baseline". */
const SAME_BPM = 1
const SAME_PCT = 3

export function reasonSentence(reason: ArousalReason): Sentence {
  switch (reason.kind) {
    case 'hr-vs-baseline': {
      const bpm = Math.round(Math.abs(reason.deltaBpm))
      if (bpm < SAME_BPM) return { key: 'flow.reason.hrSame' }
      return {
        key: reason.deltaBpm > 0 ? 'flow.reason.hrAbove' : 'flow.reason.hrBelow',
        params: { count: bpm }
      }
    }
    case 'rmssd-vs-baseline': {
      const pct = Math.round(Math.abs(reason.deltaPct))
      if (pct < SAME_PCT) return { key: 'flow.reason.rmssdSame' }
      return {
        key: reason.deltaPct > 0 ? 'flow.reason.rmssdAbove' : 'flow.reason.rmssdBelow',
        params: { pct }
      }
    }
    case 'resp-rate':
      return { key: 'flow.reason.respRate', params: { rate: Math.round(reason.breathsPerMin) } }
    case 'tired-vs-calm-ambiguous':
      return { key: 'flow.reason.ambiguous' }
    case 'self-report':
      return { key: `flow.reason.selfReport.${reason.report}` }
    case 'population-baseline':
      return { key: 'flow.reason.population' }
    case 'settling':
      return { key: 'flow.reason.settling' }
    case 'too-noisy':
      return { key: 'flow.reason.tooNoisy', params: { pct: Math.round(reason.artifactPct) } }
    case 'no-contact':
      return { key: 'flow.reason.noContact' }
    case 'within-baseline':
      return { key: 'flow.reason.withinBaseline' }
  }
}

export function stateKey(state: ArousalState): MessageKey {
  return `flow.state.${state}`
}

export function qualityKey(quality: SignalQuality): MessageKey {
  return `flow.quality.${quality}`
}

/** Why an unusable check-in could not be judged, for the retry message. */
export function unusableSentences(reasons: ArousalReason[] | undefined, artifactRate: number): Sentence[] {
  const own = (reasons ?? [])
    .filter((r) => r.kind === 'too-noisy' || r.kind === 'no-contact')
    .map(reasonSentence)
  if (own.length) return own
  if (artifactRate > 0.05)
    return [{ key: 'flow.reason.tooNoisy', params: { pct: Math.round(artifactRate * 100) } }]
  return [{ key: 'flow.checkin.tooShort' }]
}
