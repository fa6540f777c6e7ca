import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { memoryIo } from '../io'
import { main } from '../main'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')

describe('decode-hr', () => {
  it('decodes the Polar H7 capture exactly, one JSON line per payload', async () => {
    const io = memoryIo()
    expect(await main(['decode-hr', '06 3C', '16 3C 11 04'], io)).toBe(0)
    expect(io.stdout).toEqual([
      '{"hrBpm":60,"contact":"detected","energyKj":null,"rrMs":[]}',
      '{"hrBpm":60,"contact":"detected","energyKj":null,"rrMs":[1016.6015625]}'
    ])
  })

  it('accepts compact hex and reports energy, uint16 HR and several RRs', async () => {
    const io = memoryIo()
    expect(await main(['decode-hr', '104EBA039F03', '0900 00FF FF', '11 00 00 FF FF 7F 80'], io)).toBe(0)
    expect(io.stdout.map((l) => JSON.parse(l))).toEqual([
      {
        hrBpm: 78,
        contact: 'unsupported',
        energyKj: null,
        rrMs: [(0x3ba * 1000) / 1024, (0x39f * 1000) / 1024]
      },
      { hrBpm: 0, contact: 'unsupported', energyKj: 65535, rrMs: [] },
      { hrBpm: 0, contact: 'unsupported', energyKj: null, rrMs: [63999.0234375, 32124.0234375] }
    ])
  })

  it('prints an error object for a malformed payload, keeps going, exits non-zero', async () => {
    const io = memoryIo()
    expect(await main(['decode-hr', '16 3C 11', 'zz', '04 48'], io)).toBe(1)
    expect(io.stdout).toHaveLength(3)
    expect(JSON.parse(io.stdout[0]!).error).toMatch(/RR field has 1 byte/)
    expect(JSON.parse(io.stdout[1]!).error).toMatch(/not hex/)
    expect(JSON.parse(io.stdout[2]!)).toEqual({
      hrBpm: 72,
      contact: 'not-detected',
      energyKj: null,
      rrMs: []
    })
  })

  it('reads payloads from stdin with "-"', async () => {
    const io = memoryIo('06 3C\n\n16 3C 11 04\n')
    expect(await main(['decode-hr', '-'], io)).toBe(0)
    expect(io.stdout).toHaveLength(2)
  })

  it('without payloads prints usage and exits 2', async () => {
    const io = memoryIo()
    expect(await main(['decode-hr'], io)).toBe(2)
    expect(io.stderr.join('\n')).toMatch(/Usage/)
  })

  it('works as a real subprocess (the bundled CLI that npm run cli builds and runs)', async () => {
    const exec = promisify(execFile)
    // A bundle of its own, built from the current sources (the launcher rebuilds a missing one).
    const outDir = mkdtempSync(join(tmpdir(), 'limbic-cli-'))
    const env = { ...process.env, LIMBIC_CLI_OUT: join(outDir, 'cli.js') }
    try {
      const cli = ['scripts/cli.mjs', 'decode-hr']
      const { stdout } = await exec('node', [...cli, '16 3C 11 04'], { cwd: root, env })
      expect(stdout).toBe('{"hrBpm":60,"contact":"detected","energyKj":null,"rrMs":[1016.6015625]}\n')
      const failed = await exec('node', [...cli, '01', '063C'], { cwd: root, env }).catch(
        (e: { code: number; stdout: string }) => e
      )
      expect((failed as { code: number }).code).toBe(1)
      expect((failed as { stdout: string }).stdout.trim().split('\n')).toHaveLength(2)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  })
})
