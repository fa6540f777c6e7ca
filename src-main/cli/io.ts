/** What a CLI command may touch, injectable so commands are unit-tested without a subprocess. */
export interface CliIo {
  out(line: string): void
  err(line: string): void
  /** Whole standard input (for commands that accept `-`). */
  readStdin(): Promise<string>
}

export interface CliCommand {
  summary: string
  run(args: string[], io: CliIo): Promise<number>
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    }
  }
}

/** A CliIo that records output, for tests. */
export function memoryIo(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    readStdin: async () => stdin
  }
}

/**
 * Minimal flag parser: `--name value`, `--flag`, positionals. Unknown flags are an error so a typo
 * never silently changes a result.
 */
export function parseArgs(
  args: string[],
  spec: { values?: string[]; flags?: string[] }
): { values: Record<string, string>; flags: Set<string>; positionals: string[] } {
  const values: Record<string, string> = {}
  const flags = new Set<string>()
  const positionals: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a.startsWith('--')) {
      const name = a.slice(2)
      if (spec.values?.includes(name)) {
        const v = args[++i]
        if (v === undefined) throw new Error(`--${name} needs a value`)
        values[name] = v
      } else if (spec.flags?.includes(name)) {
        flags.add(name)
      } else {
        throw new Error(`unknown option --${name}`)
      }
    } else {
      positionals.push(a)
    }
  }
  return { values, flags, positionals }
}
