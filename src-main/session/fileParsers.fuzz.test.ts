/**
 * Fuzz of the file readers a hostile or damaged folder reaches: session.json (parseSessionMeta)
 * and zip import (extractZip). Bad input must come back as a problem or a plain Error naming the
 * file, never a crash of another kind, and a zip must never write outside its folder.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseSessionMeta } from './sessionMeta'
import { extractZip } from './zipRead'
import { writeZip } from './zip'
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../testSupport/fuzz'

const LIMITS = { maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20 }

describe('session.json reader: fuzz', () => {
  it(
    'fuzz: any text or JSON value parses to a meta with a real start time, or to a problem',
    () => {
      const valid = {
        id: '20261203-160000-abcd',
        startMs: 1_796_000_000_000,
        startUtc: '2026-12-03T16:00:00.000Z'
      }
      const inputs = fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        // A valid file with one field replaced by anything: reaches the field checks.
        fc
          .tuple(
            fc.constantFrom('id', 'startMs', 'startUtc', 'endMs', 'endUtc', 'task', 'gate'),
            fc.jsonValue()
          )
          .map(([k, v]) => JSON.stringify({ ...valid, [k]: v }))
      )
      fc.assert(
        fc.property(inputs, (text) => {
          const r = parseSessionMeta(text)
          if (r.ok) {
            expect(Number.isFinite(r.meta.startMs)).toBe(true)
            expect(() => new Date(r.meta.startMs).toISOString()).not.toThrow()
          } else expect(typeof r.problem).toBe('string')
        }),
        fuzzParams
      )
    },
    FUZZ_TIMEOUT_MS
  )
})

describe('zip import reader: fuzz', () => {
  it(
    'fuzz: damaged zips are refused with an Error naming the file, and nothing lands outside the folder',
    async () => {
      const good = await writeZip(
        [
          { name: 's1/session.json', data: Buffer.from('{"id":"s1"}') },
          { name: 's1/beats.csv', data: Buffer.from('t_s,rr_ms\r\n1,1000\r\n') }
        ],
        0
      )
      const base = await mkdtemp(join(tmpdir(), 'limbic-zipfuzz-'))
      let n = 0
      try {
        // Arbitrary bytes, and the real zip with bytes overwritten (reaches the entry checks).
        const damaged = fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc
            .array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), {
              minLength: 1,
              maxLength: 8
            })
            .map((edits) => {
              const b = Buffer.from(good)
              for (const [i, v] of edits) b[i] = v
              return b
            })
        )
        await fc.assert(
          fc.asyncProperty(damaged, async (bytes) => {
            const dest = join(base, `d${n++}`)
            try {
              const names = await extractZip(bytes, dest, 'fuzz.zip', LIMITS)
              for (const name of names) expect(name.split('/')).not.toContain('..')
            } catch (err) {
              expect(err).toBeInstanceOf(Error)
              expect((err as Error).message).toContain('fuzz.zip')
            }
          }),
          fuzzParams
        )
        // Only the per-case folders, never anything beside them.
        for (const entry of await readdir(base)) expect(entry).toMatch(/^d\d+$/)
      } finally {
        await rm(base, { recursive: true, force: true })
      }
    },
    FUZZ_TIMEOUT_MS
  )
})
