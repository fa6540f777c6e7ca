/**
 * `npm run cli -- <command> [args]`: the headless core in plain Node.
 * Each command lives in ./commands/<name>.ts and exports `summary` and `run(args, io)`; it is
 * listed in COMMANDS below (an explicit table, so the CLI can be bundled into one file and start
 * fast; a test checks that every command file is listed). `bin.ts` is the process entry.
 */
import type { CliCommand, CliIo } from './io'

/** Command name -> its module, loaded only when that command runs. */
export const COMMANDS: Readonly<Record<string, () => Promise<CliCommand>>> = {
  analyze: () => import('./commands/analyze'),
  'decode-hr': () => import('./commands/decode-hr'),
  'decode-wbb': () => import('./commands/decode-wbb'),
  learn: () => import('./commands/learn'),
  replay: () => import('./commands/replay'),
  simulate: () => import('./commands/simulate')
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv
  const names = Object.keys(COMMANDS).sort()
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out('Usage: npm run cli -- <command> [options]\n\nCommands:')
    for (const n of names) io.out(`  ${n.padEnd(12)} ${(await COMMANDS[n]!()).summary}`)
    io.out('\nRun a command with --help for its options.')
    return name ? 0 : 1
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!load) {
    io.err(`Unknown command "${name}". Commands: ${names.join(', ')}`)
    return 2
  }
  return (await load()).run(args, io)
}
