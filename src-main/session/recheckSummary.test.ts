import { describe, expect, it } from 'vitest'
import { newSessionMeta } from './sessionMeta'
import { recheckSummary, summarizeMeta } from './sessionsIndex'

const summary = { from: 'high', to: 'calmer', verdict: 'toward', dHrBpm: -8, dRmssdPct: 35, dRespBpm: null }

describe("History's change line from session.json `recheck`", () => {
  it('a session recorded before issue 15 has none: History falls back to the states', () => {
    const meta = newSessionMeta({ id: 'old', startMs: 0, appVersion: '0.1' })
    const row = summarizeMeta(meta, null, null)
    expect(row.change).toBeNull()
    expect(row.gateReason).toBeNull()
  })

  it('reads a recorded one, and ignores one that does not fit (hand-edited, damaged)', () => {
    const meta = {
      ...newSessionMeta({ id: 'new', startMs: 0, appVersion: '0.2' }),
      recheck: {
        summary,
        gate: { open: true, reason: 'completed-toward', messageKey: 'gate.open.completed-toward' }
      }
    }
    const row = summarizeMeta(meta as never, null, null)
    expect(row.change).toEqual(summary)
    expect(row.gateReason).toBe('completed-toward')
    expect(recheckSummary({ summary: { ...summary, dHrBpm: '8' } })).toBeNull()
    expect(recheckSummary({ summary: { ...summary, to: 'sideways' } })).toBeNull()
    expect(recheckSummary('recheck')).toBeNull()
    expect(recheckSummary({ summary: null })).toBeNull()
  })
})
