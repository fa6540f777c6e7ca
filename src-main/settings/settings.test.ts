import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { describe, expect, it } from 'vitest'
import { invokeRequests } from '../shared/contract'
import { DEFAULT_SETTINGS } from '../shared/settings'
import { JsonSettingsFile } from './jsonSettingsFile'
import { openSettingsStore, SettingsService, type StoreConstructor } from './openSettingsStore'

/** The engine earlier versions stored settings with (electron-store is conf plus Electron paths). */
const ConfStore = Conf as unknown as StoreConstructor
const Store = JsonSettingsFile
const fresh = () => mkdtempSync(join(tmpdir(), 'limbic-settings-'))

describe('settings store', () => {
  it('starts from defaults and persists validated updates to config.json', () => {
    const dir = fresh()
    const { kv, notice } = openSettingsStore(Store, dir)
    expect(notice).toBeNull()
    const settings = new SettingsService(kv)
    expect(settings.get()).toEqual(DEFAULT_SETTINGS)
    settings.update({ sigh: { exhaleS: 8 }, language: 'zh-CN' })
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
    expect(onDisk.sigh).toEqual({ ...DEFAULT_SETTINGS.sigh, exhaleS: 8 })
    expect(onDisk.language).toBe('zh-CN')
    // A second open reads the same values back.
    expect(new SettingsService(openSettingsStore(Store, dir).kv).get().sigh.exhaleS).toBe(8)
  })

  it('rejects an out-of-range update and leaves the file unchanged', () => {
    const dir = fresh()
    const settings = new SettingsService(openSettingsStore(Store, dir).kv)
    settings.update({ checkIn: { durationS: 60 } })
    const before = readFileSync(join(dir, 'config.json'), 'utf8')
    expect(() => settings.update({ checkIn: { durationS: 5 } })).toThrow(
      /checkIn.durationS: 5 is below the minimum 10/
    )
    expect(() => settings.update({ language: 'fr' })).toThrow(/language/)
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before)
  })

  it.each([
    ['not JSON at all', '{"language": "en", '],
    ['an empty file', ''],
    ['JSON that is not an object', '[1, 2, 3]'],
    [
      'valid JSON that breaks the schema',
      JSON.stringify({ ...DEFAULT_SETTINGS, checkIn: { durationS: 'ninety' } })
    ]
  ])('keeps a corrupt file (%s) as a backup and starts from defaults with a notice', (_label, content) => {
    const dir = fresh()
    writeFileSync(join(dir, 'config.json'), content)
    const { kv, notice } = openSettingsStore(Store, dir, {}, () => new Date('2026-11-23T10:00:00Z'))
    expect(notice?.kind).toBe('settings-reset')
    expect(notice?.backupPath).toMatch(/config\.corrupt-2026-11-23T10-00-00-000Z\.json$/)
    expect(readFileSync(notice!.backupPath, 'utf8')).toBe(content)
    expect(new SettingsService(kv).get()).toEqual(DEFAULT_SETTINGS)
    expect(readdirSync(dir).sort()).toEqual(['config.corrupt-2026-11-23T10-00-00-000Z.json', 'config.json'])
  })
})

describe('settings files written before a setting existed', () => {
  it('a file without the learning settings loads without a notice, with adaptive choice on and the control allowed', () => {
    const dir = fresh()
    const { learning: _added, ...older } = DEFAULT_SETTINGS
    const stored = { ...older, language: 'zh-CN', sigh: { ...DEFAULT_SETTINGS.sigh, exhaleS: 9 } }
    writeFileSync(join(dir, 'config.json'), JSON.stringify(stored))
    const { kv, notice } = openSettingsStore(Store, dir)
    expect(notice).toBeNull()
    const settings = new SettingsService(kv)
    expect(settings.get().learning).toEqual({ adaptive: true, allowControl: true })
    // what the person had set is kept
    expect(settings.get().language).toBe('zh-CN')
    expect(settings.get().sigh.exhaleS).toBe(9)
    settings.update({ learning: { allowControl: false } })
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
    expect(onDisk.learning).toEqual({ adaptive: true, allowControl: false })
    expect(onDisk.sigh.exhaleS).toBe(9)
  })
})

describe('the issue-16 protocol lengths', () => {
  it('a settings file from before them loads without a notice, with the catalogue defaults; each can be shortened', () => {
    const dir = fresh()
    const { protocols: _added, ...older } = DEFAULT_SETTINGS
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...older, checkIn: { durationS: 75 } }))
    const { kv, notice } = openSettingsStore(ConfStore, dir)
    expect(notice).toBeNull()
    const settings = new SettingsService(kv)
    expect(settings.get().protocols).toEqual({
      panoramicVisionS: 120,
      energisingInhaleS: 150,
      nsdrS: 600,
      sitQuietlyS: 120
    })
    expect(settings.get().checkIn.durationS).toBe(75)
    settings.update({ protocols: { nsdrS: 20 } })
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).protocols.nsdrS).toBe(20)
    expect(() => settings.update({ protocols: { sitQuietlyS: 5 } })).toThrow(/protocols.sitQuietlyS/)
  })
})

describe('the Polar H10 ECG setting', () => {
  it('a settings file from before it (devices without chestEcg) loads unchanged; it can then be turned on', () => {
    const dir = fresh()
    const stored = {
      ...DEFAULT_SETTINGS,
      devices: { lastHeart: { id: 'c0ffee', name: 'Polar H10 1' }, lastBoard: null, simulatorFallback: false }
    }
    writeFileSync(join(dir, 'config.json'), JSON.stringify(stored))
    const { kv, notice } = openSettingsStore(Store, dir)
    expect(notice).toBeNull()
    const settings = new SettingsService(kv)
    expect(settings.get().devices).toEqual(stored.devices)
    settings.update({ devices: { chestEcg: true } })
    expect(settings.get().devices).toEqual({ ...stored.devices, chestEcg: true })
    expect(() => settings.update({ devices: { chestEcg: 'yes' as unknown as boolean } })).toThrow(
      /devices.chestEcg/
    )
  })
})

describe('the sessions folder is main-only', () => {
  it('a settings file that names a sessions folder still loads, and main can still set it', () => {
    const dir = fresh()
    const stored = { ...DEFAULT_SETTINGS, recording: { sessionsDir: '/data/limbic', rawCapture: true } }
    writeFileSync(join(dir, 'config.json'), JSON.stringify(stored))
    const { kv, notice } = openSettingsStore(Store, dir)
    expect(notice).toBeNull()
    const settings = new SettingsService(kv)
    expect(settings.get().recording).toEqual({ sessionsDir: '/data/limbic', rawCapture: true })
    // main's own path (the folder dialog) keeps working
    settings.update({ recording: { sessionsDir: null } })
    expect(settings.get().recording.sessionsDir).toBeNull()
  })

  it("the renderer's settings:update validator refuses recording.sessionsDir, accepts the rest", () => {
    const patch = invokeRequests['settings:update']
    expect(() => patch.parse({ recording: { sessionsDir: '/home/u' } }, 'request')).toThrow(
      /request\.recording\.sessionsDir: unknown field/
    )
    expect(() => patch.parse({ recording: { sessionsDir: null } }, 'request')).toThrow(/unknown field/)
    expect(patch.parse({ recording: { rawCapture: true }, language: 'en' }, 'request')).toEqual({
      recording: { rawCapture: true },
      language: 'en'
    })
  })
})

describe('the settings file is the one earlier versions wrote (conf / electron-store), without ajv', () => {
  const customised = (): Record<string, unknown> => ({
    ...DEFAULT_SETTINGS,
    language: 'zh-CN',
    sigh: { ...DEFAULT_SETTINGS.sigh, exhaleS: 9 },
    devices: { ...DEFAULT_SETTINGS.devices, lastHeart: { id: 'c0ffee', name: 'Polar H10 1' } }
  })

  it('a file conf wrote loads with the same values, and conf reads what this store writes', () => {
    const dir = fresh()
    const old = new SettingsService(openSettingsStore(ConfStore, dir).kv)
    old.update(customised())
    const written = readFileSync(join(dir, 'config.json'), 'utf8')
    const opened = openSettingsStore(Store, dir)
    expect(opened.notice).toBeNull()
    const now = new SettingsService(opened.kv)
    expect(now.get()).toEqual(old.get())
    // Opening a complete file does not rewrite it.
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(written)
    now.update({ checkIn: { durationS: 75 } })
    // Byte for byte what conf writes for the same values (tab-indented JSON).
    expect(readFileSync(join(dir, 'config.json'), 'utf8').trimEnd()).toBe(
      JSON.stringify(now.get(), undefined, '\t')
    )
    const back = new SettingsService(openSettingsStore(ConfStore, dir).kv)
    expect(back.get()).toEqual(now.get())
  })

  it('a file missing a top-level setting gets it from the defaults and is written back filled', () => {
    const dir = fresh()
    const { learning: _added, ...older } = customised() as typeof DEFAULT_SETTINGS
    writeFileSync(join(dir, 'config.json'), JSON.stringify(older))
    const { kv, notice } = openSettingsStore(Store, dir)
    expect(notice).toBeNull()
    expect(kv.store.learning).toEqual(DEFAULT_SETTINGS.learning)
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).learning).toEqual(
      DEFAULT_SETTINGS.learning
    )
  })

  it('writes atomically: no temporary file is left, and a copy of the store cannot change it', () => {
    const dir = fresh()
    const { kv } = openSettingsStore(Store, dir)
    const copy = kv.store as { language: string }
    copy.language = 'en'
    expect(kv.store.language).toBe(DEFAULT_SETTINGS.language)
    kv.set('language', 'zh-CN')
    expect(readdirSync(dir)).toEqual(['config.json'])
    expect(() => kv.set('language', undefined)).toThrow(/cannot be undefined/)
  })

  it('a file it cannot read (a folder in its place) is reported, not overwritten silently', () => {
    const dir = fresh()
    mkdirSync(join(dir, 'config.json'))
    expect(() => new JsonSettingsFile({ cwd: dir, defaults: {} })).toThrow(/EISDIR|illegal operation/)
  })
})

describe('the resonance settings (issue 17)', () => {
  it('a settings file from before them loads without a notice, with ~2 min steps and ~20 s rests', () => {
    const dir = fresh()
    const { resonance: _added, ...older } = DEFAULT_SETTINGS
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ ...older, language: 'en', drill: { trialS: 45 } })
    )
    const { kv, notice } = openSettingsStore(Store, dir)
    expect(notice).toBeNull()
    const settings = new SettingsService(kv)
    expect(settings.get().resonance).toEqual({ stepS: 120, restS: 20, durationS: 300 })
    expect(settings.get().drill.trialS).toBe(45)
    settings.update({ resonance: { stepS: 8, restS: 2 } })
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))
    expect(onDisk.resonance).toEqual({ stepS: 8, restS: 2, durationS: 300 })
  })

  it('refuses step and rest lengths outside their range, from the screen too', () => {
    const settings = new SettingsService(openSettingsStore(Store, fresh()).kv)
    expect(() => settings.update({ resonance: { stepS: 2 } })).toThrow(/resonance.stepS/)
    expect(() => settings.update({ resonance: { restS: -1 } })).toThrow(/resonance.restS/)
    expect(() => settings.update({ resonance: { durationS: 1.5 } })).toThrow(/resonance.durationS/)
    const patch = invokeRequests['settings:update']
    expect(() => patch.parse({ resonance: { stepS: '120' } })).toThrow(/resonance.stepS/)
    expect(() => patch.parse({ resonance: { rates: [6] } })).toThrow(/rates/)
    expect(patch.parse({ resonance: { restS: 0 } })).toEqual({ resonance: { restS: 0 } })
  })
})
