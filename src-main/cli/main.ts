/**
 * `npm run cli -- <command> [args]`: the headless core in plain Node.
 * Each command lives in ./commands/<name>.ts (kebab-case file name = command name) and exports
 * `summary` and `run(args, io)`, so a new command is one new file.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { CliCommand, CliIo } from './io'
import { processIo } from './io'

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands')

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort()
}

async function load(name: string): Promise<CliCommand> {
  return (await import(pathToFileURL(join(commandsDir, `${name}.ts`)).href)) as CliCommand
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  const names = commandNames()
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out('Usage: npm run cli -- <command> [options]\n\nCommands:')
    for (const n of names) io.out(`  ${n.padEnd(12)} ${(await load(n)).summary}`)
    io.out('\nRun a command with --help for its options.')
    return name ? 0 : 1
  }
  if (!names.includes(name)) {
    io.err(`Unknown command "${name}". Commands: ${names.join(', ')}`)
    return 2
  }
  return (await load(name)).run(args, io)
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]
if (invokedDirectly) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err))
      process.exitCode = 1
    }
  )
}
