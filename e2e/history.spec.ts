/**
 * Issue 9 end to end, through the History screen: a short session recorded through window.api
 * with the simulator running shows up in the list, opens with a heart chart (errors marked),
 * exports to the folder the (emulated) save dialog answers, is deleted only after confirmation,
 * and an RR file comes back in through the (emulated) open dialog. The list is keyboard-usable.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect } from './harness/fixtures'
import { numberAttr } from './pages/base'
import { Limbic } from './pages/limbic'

const exportDir = mkdtempSync(join(tmpdir(), 'limbic-e2e-export-'))
const importDir = mkdtempSync(join(tmpdir(), 'limbic-e2e-import-'))
const rrFile = join(importDir, 'morning_rr.txt')
// Two minutes of RR intervals (ms), one per line, as Kubios and `analyze` read them.
writeFileSync(
  rrFile,
  Array.from({ length: 150 }, (_, i) => String(Math.round(800 + 40 * Math.sin(i / 4)))).join('\n') + '\n'
)

test.use({ appOptions: { exportDir, importPaths: [rrFile] } })

/** Records a session of about `seconds` with the simulator running; returns its id. */
async function recordSession(page: Page, task: string, seconds: number): Promise<string> {
  return page.evaluate(
    async ({ task, seconds }) => {
      // As a person would: skip to the timer, a short block with one logged error, the end.
      const { id } = await window.api.sessionStart()
      await window.api.flowSkip()
      await window.api.timerStart({ task, phoneOut: null })
      await new Promise((r) => setTimeout(r, (seconds * 1000) / 2))
      await window.api.timerMark({ kind: 'error' })
      await new Promise((r) => setTimeout(r, (seconds * 1000) / 2))
      await window.api.timerStop()
      await window.api.timerFinish({ reflection: '' })
      return id
    },
    { task, seconds }
  )
}

test('history: a recorded session is listed, opens with a chart, exports, deletes after confirmation; an RR file imports', async ({
  app
}) => {
  test.skip(app.mode === 'electron', 'the save and open dialogs answer by themselves only in the harness')
  test.setTimeout(90_000)
  const { page } = app
  const { live, nav, history, api } = new Limbic(app)
  await live.waitForHeartRate()
  const id = await recordSession(page, 'e2e chapter 4', 4)

  await nav.open('history')
  const row = history.row(id)
  await expect(row).toBeVisible()
  await expect(row).toContainText('e2e chapter 4')
  await expect(row).toContainText('1 error')
  await expect(history.problem).toHaveCount(0)

  // Detail: the heart chart has points and the error marker.
  await history.open(id)
  await expect(history.detail).toHaveAttribute('data-state', 'ready')
  const chart = history.heartChart
  await expect(chart).toBeVisible()
  expect(await numberAttr(chart, 'data-points')).toBeGreaterThan(2)
  expect(await numberAttr(chart, 'data-markers')).toBe(1)
  const box = await chart.locator('canvas').boundingBox()
  expect(box!.width).toBeGreaterThan(200)
  expect(box!.height).toBeGreaterThan(100)
  await expect(history.backButton).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(history.detail).toHaveCount(0)
  await expect(history.openButton(id)).toBeFocused()

  // Export (CSV folder): main's save dialog answers exportDir; the status says where.
  await history.select(id)
  await expect(history.exportButton).toBeEnabled()
  await history.exportSelected()
  await expect(history.exportDone).toBeVisible()
  await expect(history.exportDone).toContainText(exportDir)
  expect(existsSync(join(exportDir, id, 'session.json'))).toBe(true)
  expect(existsSync(join(exportDir, id, 'beats.csv'))).toBe(true)
  const rrExport = readdirSync(exportDir).find((f) => f.startsWith(id) && f.endsWith('_rr.txt'))
  expect(rrExport).toBeTruthy()
  expect(readFileSync(join(exportDir, rrExport!), 'utf8').trim().split(/\r?\n/).length).toBeGreaterThan(2)

  // Delete: nothing happens without confirmation.
  await history.askToDelete(id)
  await expect(history.confirm).toBeVisible()
  await expect(history.confirmNo).toBeFocused()
  await history.keepSession()
  await expect(history.confirm).toBeHidden()
  await expect(row).toBeVisible()
  await history.askToDelete(id)
  await history.confirmDelete()
  await expect(history.confirm).toBeHidden()
  await expect(row).toHaveCount(0)
  await expect(history.deleted).toBeVisible()
  expect((await api.historyList()).map((s) => s.id)).not.toContain(id)

  // Import an RR file: main's open dialog answers the file written above.
  await history.importRrFile()
  await expect(history.importDone).toHaveAttribute('data-count', '1')
  const newId = await history.firstImportedId()
  await expect(history.row(newId)).toBeVisible()
  await history.open(newId)
  await expect(history.detail).toHaveAttribute('data-state', 'ready')
  expect(await numberAttr(history.heartChart, 'data-points')).toBeGreaterThan(10)
})

test('history: the list works from the keyboard and shows Chinese in zh-CN', async ({ app }) => {
  test.setTimeout(60_000)
  const { page } = app
  const { live, nav, history, settings } = new Limbic(app)
  await live.waitForHeartRate()
  const older = await recordSession(page, 'first', 1.5)
  const newer = await recordSession(page, 'second', 1.5)

  await nav.open('history')
  const rows = history.rows
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toHaveAttribute('data-id', newer)

  await history.openButton(rows.first()).focus()
  await page.keyboard.press('ArrowDown')
  const olderOpen = history.openButton(older)
  await expect(olderOpen).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(history.detail).toHaveAttribute('data-state', 'ready')
  await expect(history.detailBody).toHaveAttribute('data-id', older)
  await page.keyboard.press('Escape')
  await expect(olderOpen).toBeFocused()
  // Delete key asks first; Escape keeps the session.
  await page.keyboard.press('Delete')
  await expect(history.confirm).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(history.confirm).toBeHidden()
  await expect(rows).toHaveCount(2)
  // Delete again and confirm: the focus moves to the row that is left.
  await page.keyboard.press('Delete')
  await history.confirmDelete()
  await expect(rows).toHaveCount(1)
  await expect(history.openButton(rows.first())).toBeFocused()

  await nav.open('settings')
  await settings.setLanguage('zh-CN')
  await nav.open('history')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('历史记录')
  await expect(rows.first()).toContainText('次错误')
  await expect(rows.first()).toContainText('年')
})

test('history: a corrupt session folder is listed with its problem while the others load', async ({
  app
}) => {
  const { page } = app
  const { live, nav, history } = new Limbic(app)
  await live.waitForHeartRate()
  const good = await recordSession(page, 'fine', 1.5)
  const bad = join(app.userDataDir, 'sessions', '20200101-000000-bad0')
  mkdirSync(bad, { recursive: true })
  writeFileSync(join(bad, 'session.json'), '{ "schema": "limbic-session", "id": ')

  await nav.open('history')
  await expect(history.rows).toHaveCount(2)
  await expect(history.problem).toHaveCount(1)
  await expect(history.problem).toHaveAttribute('data-id', '20200101-000000-bad0')
  await expect(history.problem).toContainText('could not be read')
  await expect(history.rows.first()).toHaveAttribute('data-id', good)

  await history.open('20200101-000000-bad0')
  await expect(history.detail).toHaveAttribute('data-state', 'error')
  await expect(history.detailError).toContainText('session.json')
  await history.back()
  await history.open(good)
  await expect(history.detail).toHaveAttribute('data-state', 'ready')
  await expect(history.heartChart).toBeVisible()
})

test.describe('a session folder with balance-board data', () => {
  const boardExport = mkdtempSync(join(tmpdir(), 'limbic-e2e-export-'))
  const boardImport = mkdtempSync(join(tmpdir(), 'limbic-e2e-import-'))
  test.use({ appOptions: { exportDir: boardExport, importPaths: [boardImport] } })
  test.afterAll(() => {
    for (const dir of [boardExport, boardImport]) rmSync(dir, { recursive: true, force: true })
  })

  test('imports as a session, and its drill trial shows the CoP trace with a 95 % sway ellipse', async ({
    app
  }) => {
    test.skip(app.mode === 'electron', 'the save and open dialogs answer by themselves only in the harness')
    test.setTimeout(60_000)
    const { page } = app
    const { live, nav, history } = new Limbic(app)
    await live.waitForHeartRate()
    // A drill trial recorded without a board (the harness has none), exported as a folder...
    const id = await page.evaluate(async () => {
      const { id } = await window.api.sessionStart()
      // Main's ladder chooses the level: a new person's first trial is level 1 (both feet, eyes open).
      const trial = await window.api.drillTrialStart()
      await new Promise((r) => setTimeout(r, 2500))
      await window.api.drillSelfError({ id: trial.id })
      await window.api.drillTrialEnd({ id: trial.id })
      await window.api.sessionEnd()
      return id
    })
    await nav.open('history')
    await history.select(id)
    await history.exportSelected()
    await expect(history.exportDone).toBeVisible()

    // ...then given 100 Hz balance rows over the trial (an elongated sway), as a board would have.
    const src = join(boardExport, id)
    const dest = join(boardImport, `${id}-board`)
    cpSync(src, dest, { recursive: true })
    const trialLine = readFileSync(join(src, 'events.csv'), 'utf8')
      .split(/\r?\n/)
      .find((l) => l.includes(',drill-trial,') && l.includes('durationS'))!
    const endS = Number(trialLine.split(',')[0])
    const durationS = Number(/""durationS"":([\d.]+)/.exec(trialLine)![1])
    const startMs = Date.parse(JSON.parse(readFileSync(join(src, 'session.json'), 'utf8')).startUtc)
    const rows = ['t_s,utc,tr_kg,br_kg,tl_kg,bl_kg,total_kg,cop_x_mm,cop_y_mm']
    for (let t = endS - durationS; t <= endS; t += 0.01) {
      const x = 12 * Math.sin(t * 3.1) + 3 * Math.sin(t * 11)
      const y = 4 * Math.cos(t * 2.3)
      rows.push(
        `${t.toFixed(3)},${new Date(startMs + t * 1000).toISOString()},18,18,18,18,72,${x.toFixed(2)},${y.toFixed(2)}`
      )
    }
    writeFileSync(join(dest, 'balance.csv'), rows.join('\r\n') + '\r\n')
    const meta = JSON.parse(readFileSync(join(dest, 'session.json'), 'utf8'))
    delete meta.stats
    writeFileSync(join(dest, 'session.json'), JSON.stringify(meta, null, 2))

    await history.importSessionFolder()
    await expect(history.importDone).toHaveAttribute('data-count', '1')
    const newId = await history.firstImportedId()
    await history.firstImported.click()
    await expect(history.detail).toHaveAttribute('data-state', 'ready')
    await expect(history.detailBody).toHaveAttribute('data-id', newId)
    await expect(history.swayChart).toBeVisible()
    expect(await numberAttr(history.swayChart, 'data-points')).toBeGreaterThan(100)
    await expect(history.swayTrialLabel).toContainText('Both feet, eyes open')
    const area = await numberAttr(history.swayArea, 'data-area')
    // Roughly 2 pi F sqrt(var x var y) for var x ~ 12^2/2 + 3^2/2, var y ~ 4^2/2: a few hundred mm².
    expect(area).toBeGreaterThan(150)
    expect(area).toBeLessThan(1500)
    // One area figure, with its definition beside it.
    await expect(history.swayArea).toHaveCount(1)
    await expect(history.swayDefinition).toContainText('95 %')
    expect(await history.heartChart.getAttribute('data-spans')).not.toBe('0')
  })
})

test.afterAll(() => {
  for (const dir of [exportDir, importDir]) rmSync(dir, { recursive: true, force: true })
})
