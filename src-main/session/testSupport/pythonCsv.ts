/**
 * An independent CSV reader for tests: Python's csv module (strict mode), so the writer is never
 * checked only against our own parser.
 */
import { execFileSync } from 'node:child_process'

const SCRIPT = `
import csv, json, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f, strict=True))
json.dump(rows, sys.stdout)
`

/** Every record of the file including the header, as Python's csv module reads it. */
export function pythonReadCsv(path: string): string[][] {
  const out = execFileSync('python3', ['-c', SCRIPT, path], { encoding: 'utf8', maxBuffer: 1 << 30 })
  return JSON.parse(out) as string[][]
}
