import { mkdtempSync } from 'node:fs'
import { readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importPaths } from './exportImport'
import { pythonReadCsv } from './testSupport/pythonCsv'

const T0 = Date.UTC(2026, 10, 20, 9, 0, 0)
const dirs: string[] = []
const tmp = (p: string): string => {
  const d = mkdtempSync(join(tmpdir(), p))
  dirs.push(d)
  return d
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

describe('RR import of a file with a drop-out', () => {
  it('keeps the gap in the beat times and records it as a gap event', async () => {
    const root = tmp('limbic-rrimp-')
    const src = tmp('limbic-rrsrc-')
    const path = join(src, 'holter.txt')
    await writeFile(path, '800\n810\n820\n7480\n830\n840\n')
    await utimes(path, new Date(T0), new Date(T0))
    const res = await importPaths(root, [path], 'rr', '0.1.0', T0)
    expect(res.problems).toEqual([])
    const dir = join(root, res.imported[0]!)
    const beats = pythonReadCsv(join(dir, 'beats.csv')).slice(1)
    expect(beats.map((r) => Number(r[0]))).toEqual([0.8, 1.61, 2.43, 10.74, 11.58])
    expect(beats.map((r) => r[2])).toEqual(['800', '810', '820', '830', '840'])
    const events = pythonReadCsv(join(dir, 'events.csv')).slice(1)
    const gap = events.find((r) => r[2] === 'gap')!
    expect(JSON.parse(gap[3]!)).toEqual({
      channel: 'heart',
      reason: 'rr-implausible',
      fromS: 2.43,
      toS: 9.91,
      line: 4
    })
    const meta = JSON.parse(await readFile(join(dir, 'session.json'), 'utf8'))
    expect(meta.rrImport.notes.join(' ')).toMatch(/1 gap\(s\)/)
  })
})
