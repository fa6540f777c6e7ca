import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { StateDocs } from './stateDocs'

describe('StateDocs', () => {
  it('round-trips a document, clears it with null, and sets a damaged one aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limbic-state-'))
    const docs = new StateDocs(dir)
    expect(docs.load('timer')).toBeNull()
    docs.save('timer', { startedMs: 1, paused: false, task: '函数 ∫' })
    expect(new StateDocs(dir).load('timer')).toEqual({ startedMs: 1, paused: false, task: '函数 ∫' })
    docs.save('timer', null)
    expect(docs.load('timer')).toBeNull()
    writeFileSync(join(dir, 'drill.json'), '{"level": 3, ')
    expect(docs.load('drill')).toBeNull()
    expect(readdirSync(dir).some((f) => f.startsWith('drill.json.corrupt-'))).toBe(true)
  })
})
