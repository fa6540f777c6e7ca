/**
 * Formula injection through the session files: a task or event text that a spreadsheet would run
 * (`=cmd|' /C calc'!A0`) is written as an inert text cell in sessions.csv and events.csv, negative
 * numbers stay numbers, and the app reads every text back exactly as it was recorded.
 */
import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { loadSessionDetail } from './historyLoad'
import { SessionRecorder } from './recorder'
import { rebuildSessionsIndex } from './sessionsIndex'
import { pythonReadCsv } from './testSupport/pythonCsv'

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0)
const ATTACK = "=cmd|' /C calc'!A0"
const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

it('sessions.csv and events.csv hold inert cells; history reads the texts back unchanged', async () => {
  const root = mkdtempSync(join(tmpdir(), 'limbic-inject-'))
  dirs.push(root)
  const clock = new ManualClock(T0)
  const rec = await SessionRecorder.start({ rootDir: root, appVersion: '0.1.0', clock, id: 'INJ' })
  rec.updateMeta({ task: ATTACK })
  const texts = [ATTACK, '-5', '+1', '@SUM(A1)', "'already quoted", '\tTAB', 'plain']
  texts.forEach((text, i) => rec.recordEvent(T0 + 100 * (i + 1), 'note', text))
  rec.recordSample({
    type: 'balance',
    tMs: T0 + 50,
    kg: [10, 10, 10, 10],
    totalKg: 40,
    copXMm: -3.5,
    copYMm: -120.25
  })
  clock.advance(2000)
  await rec.close()
  await rebuildSessionsIndex(root)

  const index = pythonReadCsv(join(root, 'sessions.csv'))
  const task = index[0]!.indexOf('task')
  expect(index[1]![task]).toBe(`'${ATTACK}`)

  const events = pythonReadCsv(join(root, 'INJ', 'events.csv'))
  const detail = events[0]!.indexOf('detail')
  const written = events
    .slice(1)
    .filter((r) => r[2] === 'note')
    .map((r) => r[detail])
  expect(written).toEqual([`'${ATTACK}`, "'-5", "'+1", "'@SUM(A1)", "''already quoted", "'\tTAB", 'plain'])

  const balance = pythonReadCsv(join(root, 'INJ', 'balance.csv'))
  const x = balance[0]!.indexOf('cop_x_mm')
  expect([balance[1]![x], balance[1]![x + 1]]).toEqual(['-3.5', '-120.25'])

  const detailView = await loadSessionDetail(join(root, 'INJ'))
  expect(detailView.events.filter((e) => e.type === 'note').map((e) => e.detail)).toEqual(texts)
  expect(detailView.summary.task).toBe(ATTACK)
})
