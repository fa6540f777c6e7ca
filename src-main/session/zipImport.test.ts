import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '../devices/clock'
import { exportSessions, importPaths } from './exportImport'
import { SessionRecorder } from './recorder'
import { writeZip } from './zip'

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

async function recordSession(root: string, id: string): Promise<void> {
  const rec = await SessionRecorder.start({
    rootDir: root,
    appVersion: '0.1.0',
    clock: new ManualClock(T0),
    id,
    startMs: T0,
    updateIndex: false
  })
  let t = T0
  for (let k = 0; k < 90; k++) {
    const rr = 800 + 30 * Math.sin(k / 4)
    t += rr
    rec.recordBeatClean({ tMs: t, rrMs: rr, rrCleanMs: rr, artifact: null, hrBpm: 60000 / rr })
  }
  rec.recordEvent(T0 + 5000, 'note', { text: 'hello' })
  await rec.close({ endMs: t })
}

async function filesOf(dir: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {}
  // Dot-files are caches (.history-cache.json), not session data: rebuilt where a session lands.
  for (const f of (await readdir(dir)).sort()) if (!f.startsWith('.')) out[f] = await readFile(join(dir, f))
  return out
}

/** What an entry's name and bytes would be; zip.ts writes them as given. */
const zipOf = (entries: { name: string; data: string }[]): Promise<Buffer> =>
  writeZip(entries.map((e) => ({ name: e.name, data: Buffer.from(e.data) })))

describe('zip import', () => {
  it('imports what zip export wrote, file for file; a second import gets new ids (as folders do)', async () => {
    const root = tmp('limbic-zip-root-')
    await recordSession(root, '20261120-090000-aaaa')
    await recordSession(root, '20261120-090000-bbbb')
    const dest = tmp('limbic-zip-dest-')
    const res = await exportSessions(root, ['20261120-090000-aaaa', '20261120-090000-bbbb'], dest, 'zip', T0)
    const original = await filesOf(join(root, '20261120-090000-aaaa'))

    const other = tmp('limbic-zip-other-')
    const r1 = await importPaths(other, [res.path!], 'zip', '0.1.0', T0)
    expect(r1).toEqual({ imported: ['20261120-090000-aaaa', '20261120-090000-bbbb'], problems: [] })
    const back = await filesOf(join(other, '20261120-090000-aaaa'))
    expect(Object.keys(back)).toEqual(Object.keys(original))
    for (const f of Object.keys(original))
      if (f !== 'session.json') expect(back[f]!.equals(original[f]!), f).toBe(true)
    const meta = JSON.parse(back['session.json']!.toString('utf8'))
    expect(meta.source).toMatchObject({ kind: 'session-import', from: '20261120-090000-aaaa' })

    // the same zip again: ids collide, so both get new ones and keep the old as originalId
    const r2 = await importPaths(other, [res.path!], 'session', '0.1.0', T0)
    expect(r2.problems).toEqual([])
    expect(r2.imported).toHaveLength(2)
    for (const id of r2.imported) expect(['20261120-090000-aaaa', '20261120-090000-bbbb']).not.toContain(id)
    const m2 = JSON.parse(await readFile(join(other, r2.imported[0]!, 'session.json'), 'utf8'))
    expect(m2.source.originalId).toBe('20261120-090000-aaaa')
    // no unpacked copy is left behind
    expect((await readdir(other)).filter((f) => f.startsWith('.zip-import'))).toEqual([])
  })

  it('imports a session folder zipped by another tool (python zipfile, one level down)', async () => {
    const root = tmp('limbic-zip-root-')
    await recordSession(root, '20261120-090000-cccc')
    const zipPath = join(tmp('limbic-zip-py-'), 'from-laptop.zip')
    execFileSync('python3', [
      '-c',
      'import zipfile,sys,os\nz=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED)\nfor f in sorted(os.listdir(sys.argv[2])): z.write(os.path.join(sys.argv[2],f),"backup/20261120-090000-cccc/"+f)\nz.close()',
      zipPath,
      join(root, '20261120-090000-cccc')
    ])
    const other = tmp('limbic-zip-other-')
    const r = await importPaths(other, [zipPath], 'zip', '0.1.0', T0)
    expect(r).toEqual({ imported: ['20261120-090000-cccc'], problems: [] })
    const beats = await readFile(join(other, '20261120-090000-cccc', 'beats.csv'))
    expect(beats.equals(await readFile(join(root, '20261120-090000-cccc', 'beats.csv')))).toBe(true)
  })

  it('refuses zip-slip, absolute paths, backslashes and symlink entries, writing nothing', async () => {
    const src = tmp('limbic-zip-bad-')
    const other = tmp('limbic-zip-other-')
    const cases: [string, Buffer, RegExp][] = [
      [
        'slip.zip',
        await zipOf([{ name: '../evil.txt', data: 'x' }]),
        /"\.\.\/evil\.txt" has an empty, "\." or "\.\." path segment/
      ],
      ['slip2.zip', await zipOf([{ name: 'S1/../../evil.txt', data: 'x' }]), /path segment/],
      ['abs.zip', await zipOf([{ name: '/tmp/evil.txt', data: 'x' }]), /is an absolute path/],
      ['drive.zip', await zipOf([{ name: 'C:/evil.txt', data: 'x' }]), /is an absolute path/],
      ['bs.zip', await zipOf([{ name: 'S1\\..\\evil.txt', data: 'x' }]), /uses backslashes/]
    ]
    // a symbolic link as Info-ZIP stores it (Unix mode 0120777 in the external attributes)
    const linkZip = join(src, 'link.zip')
    execFileSync('python3', [
      '-c',
      'import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],"w")\ni=zipfile.ZipInfo("S1/session.json")\ni.create_system=3\ni.external_attr=(0o120777)<<16\nz.writestr(i,"/etc/passwd")\nz.close()',
      linkZip
    ])
    for (const [name, bytes] of cases) await writeFile(join(src, name), bytes)
    for (const [name, , msg] of cases) {
      const r = await importPaths(other, [join(src, name)], 'zip', '0.1.0', T0)
      expect(r.imported).toEqual([])
      expect(r.problems.join(' '), name).toMatch(msg)
      expect(r.problems.join(' '), name).toMatch(new RegExp(`^${name.replace('.', '\\.')}: .*not imported`))
    }
    const link = await importPaths(other, [linkZip], 'zip', '0.1.0', T0)
    expect(link.problems.join(' ')).toMatch(/"S1\/session\.json" is a symbolic link/)
    expect(await readdir(other)).toEqual([])
    expect(await readdir(join(other, '..'))).not.toContain('evil.txt')
  })

  it('checks as folder import does: invalid session.json, sizes that lie, damaged entries', async () => {
    const src = tmp('limbic-zip-bad-')
    const other = tmp('limbic-zip-other-')
    await writeFile(
      join(src, 'nometa.zip'),
      await zipOf([{ name: 'S1/session.json', data: '{"not":"a session"}' }])
    )
    const r = await importPaths(other, [join(src, 'nometa.zip')], 'zip', '0.1.0', T0)
    expect(r.imported).toEqual([])
    expect(r.problems.join(' ')).toMatch(/^nometa\.zip: S1: /)
    await writeFile(join(src, 'empty.zip'), await zipOf([{ name: 'notes.txt', data: 'hi' }]))
    expect((await importPaths(other, [join(src, 'empty.zip')], 'zip', '0.1.0', T0)).problems).toEqual([
      'empty.zip: no Limbic session in it (no folder holding a session.json)'
    ])
    // an entry that unpacks to more than it declares (a zip bomb's trick) and a flipped byte
    const good = await zipOf([{ name: 'S1/beats.csv', data: 'a'.repeat(5000) }])
    const lying = Buffer.from(good)
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    lying.writeUInt32LE(100, cd + 24) // declared size in the central directory
    await writeFile(join(src, 'bomb.zip'), lying)
    expect(
      (await importPaths(other, [join(src, 'bomb.zip')], 'zip', '0.1.0', T0)).problems.join(' ')
    ).toMatch(/does not unpack to its declared 100 bytes/)
    const flipped = Buffer.from(good)
    flipped[30 + 12 + 3] = flipped[30 + 12 + 3]! ^ 0xff // inside the deflated body
    await writeFile(join(src, 'flip.zip'), flipped)
    expect(
      (await importPaths(other, [join(src, 'flip.zip')], 'zip', '0.1.0', T0)).problems.join(' ')
    ).toMatch(/flip\.zip: entry "S1\/beats\.csv" (fails its CRC check|does not unpack)/)
    await writeFile(join(src, 'junk.zip'), 'not a zip at all')
    expect(
      (await importPaths(other, [join(src, 'junk.zip')], 'zip', '0.1.0', T0)).problems.join(' ')
    ).toMatch(/junk\.zip: not a zip file/)
    expect(await readdir(other)).toEqual([])
  })
})
