import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { memoryIo } from './io'
import { COMMANDS, main } from './main'

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands')

describe('cli command table', () => {
  it('lists every command file, and each entry loads a command with a summary and run()', async () => {
    const files = readdirSync(commandsDir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
    expect(Object.keys(COMMANDS).sort()).toEqual(files.sort())
    for (const load of Object.values(COMMANDS)) {
      const command = await load()
      expect(command.summary.length).toBeGreaterThan(10)
      expect(typeof command.run).toBe('function')
    }
  })

  it('an unknown name (even one inherited by every object) is an error listing the commands', async () => {
    for (const name of ['bogus', 'constructor', 'toString']) {
      const io = memoryIo()
      expect(await main([name], io)).toBe(2)
      expect(io.stderr.join('\n')).toMatch(
        /Unknown command .*analyze, decode-hr, decode-wbb, learn, replay, simulate/
      )
    }
  })

  it('help lists every command with its summary', async () => {
    const io = memoryIo()
    expect(await main(['--help'], io)).toBe(0)
    for (const name of Object.keys(COMMANDS)) expect(io.stdout.join('\n')).toContain(`  ${name} `)
  })
})
