// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { HistoryController, sortSessions } from './historyController.svelte'
import { fakeHistoryApi, summary } from './fakeHistoryApi'

const three = () => [
  summary('a', '2025-03-10T09:00:00.000Z'),
  summary('c', '2025-03-12T09:00:00.000Z'),
  summary('b', '2025-03-11T09:00:00.000Z', { problem: 'session.json is missing' })
]

async function loaded(sessions = three()) {
  const api = fakeHistoryApi(sessions)
  const h = new HistoryController(api)
  await h.refresh()
  return { api, h }
}

describe('history controller', () => {
  it('lists newest first, corrupt sessions included, unreadable dates last', () => {
    const list = sortSessions([...three(), summary('z', 'garbage')])
    expect(list.map((s) => s.id)).toEqual(['c', 'b', 'a', 'z'])
  })

  it('loads the list and makes the newest row active', async () => {
    const { h } = await loaded()
    expect(h.listState).toBe('ready')
    expect(h.sessions.map((s) => s.id)).toEqual(['c', 'b', 'a'])
    expect(h.activeId).toBe('c')
  })

  it('turns a missing handler into an error state, and recovers on retry', async () => {
    const api = fakeHistoryApi(three())
    api.unavailable = true
    const h = new HistoryController(api)
    await h.refresh()
    expect(h.listState).toBe('error')
    expect(h.listError).toBe('session history is not available in this build yet')
    api.unavailable = false
    await h.refresh()
    expect(h.listState).toBe('ready')
    expect(h.listError).toBeNull()
  })

  it('selects for export in list order and moves the active row with the keyboard', async () => {
    const { h } = await loaded()
    h.toggle('a')
    h.toggle('c')
    expect(h.selected).toEqual(['c', 'a'])
    h.toggle('a')
    expect(h.selected).toEqual(['c'])
    h.selectAll(true)
    expect(h.allSelected).toBe(true)
    h.selectAll(false)
    expect(h.selected).toEqual([])
    expect(h.move(1)).toBe('b')
    expect(h.move(5)).toBe('a')
    expect(h.move(-1)).toBe('b')
    expect(h.move('first')).toBe('c')
    expect(h.move('last')).toBe('a')
  })

  it('opens a session; a slower earlier load does not overwrite a later one', async () => {
    const { api, h } = await loaded()
    const first = h.open('a')
    const second = h.open('c')
    expect(h.detailState).toBe('loading')
    api.loads[1]!.resolve()
    await second
    api.loads[0]!.resolve()
    await first
    expect(h.detailState).toBe('ready')
    expect(h.detail!.summary.id).toBe('c')
    h.close()
    expect(h.openId).toBeNull()
    expect(h.detail).toBeNull()
  })

  it('shows why a session could not be opened', async () => {
    const { api, h } = await loaded()
    const p = h.open('b')
    api.loads[0]!.reject(
      new Error("Error invoking remote method 'history:load': Error: beats.csv: bad row 3")
    )
    await p
    expect(h.detailState).toBe('error')
    expect(h.detailError).toBe('beats.csv: bad row 3')
  })

  it('deletes only after confirmation and keeps the rest of the selection', async () => {
    const { api, h } = await loaded()
    h.selectAll(true)
    h.activeId = 'b'
    h.askDelete('b')
    expect(h.pendingDelete?.id).toBe('b')
    h.cancelDelete()
    expect(api.deleted).toEqual([])
    h.askDelete('b')
    expect(await h.confirmDelete()).toBe(true)
    expect(api.deleted).toEqual(['b'])
    expect(h.sessions.map((s) => s.id)).toEqual(['c', 'a'])
    expect(h.selected).toEqual(['c', 'a'])
    expect(h.activeId).toBe('a')
    expect(h.deletedStartUtc).toBe('2025-03-11T09:00:00.000Z')
    expect(h.pendingDelete).toBeNull()
  })

  it('closes the detail of a deleted session and reports a failed delete', async () => {
    const { api, h } = await loaded()
    const p = h.open('c')
    api.loads[0]!.resolve()
    await p
    h.askDelete('c')
    await h.confirmDelete()
    expect(h.openId).toBeNull()
    api.sessions = []
    h.sessions = [summary('x', '2025-01-01T00:00:00.000Z')]
    h.askDelete('x')
    expect(await h.confirmDelete()).toBe(false)
    expect(h.deleteError).toBe('no session x')
    expect(h.pendingDelete?.id).toBe('x')
  })

  it('exports the selection: where the files went, cancelled, or why it failed', async () => {
    const { api, h } = await loaded()
    await h.exportSelected('folder')
    expect(api.exports).toEqual([])
    h.toggle('a')
    h.toggle('c')
    await h.exportSelected('zip')
    expect(api.exports).toEqual([{ ids: ['c', 'a'], format: 'zip' }])
    expect(h.exportOutcome).toEqual({ kind: 'done', format: 'zip', path: '/exports/limbic', files: 6 })
    api.exportAnswer = { path: null, files: 0 }
    await h.exportIds(['b'], 'rr')
    expect(api.exports[1]).toEqual({ ids: ['b'], format: 'rr' })
    expect(h.exportOutcome).toEqual({ kind: 'cancelled' })
    api.unavailable = true
    await h.exportIds(['b'], 'folder')
    expect(h.exportOutcome).toEqual({
      kind: 'error',
      reason: 'session history is not available in this build yet'
    })
    expect(h.busy).toBeNull()
  })

  it('imports, reloads the list and reports imported ids and problems', async () => {
    const { api, h } = await loaded()
    api.importAnswer = { imported: ['imp1'], problems: ['notes.txt: not an RR file'] }
    await h.importFiles('rr')
    expect(api.imports).toEqual(['rr'])
    expect(h.importOutcome).toEqual({
      kind: 'done',
      imported: ['imp1'],
      problems: ['notes.txt: not an RR file']
    })
    expect(h.sessions.map((s) => s.id)).toContain('imp1')
    expect(h.activeId).toBe('imp1')
    api.unavailable = true
    await h.importFiles('session')
    expect(h.importOutcome?.kind).toBe('error')
  })
})
