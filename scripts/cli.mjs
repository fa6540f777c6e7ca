#!/usr/bin/env node
/**
 * `npm run cli -- <command> [args]`: runs the bundled CLI (out/cli.js), building it first when it
 * is missing or older than any file it was built from (a fresh clone builds once, ~1 s; later
 * starts only compare file times). LIMBIC_CLI_OUT=<file> builds and runs another copy (tests).
 */
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outFile = process.env.LIMBIC_CLI_OUT ? resolve(process.env.LIMBIC_CLI_OUT) : join(root, 'out', 'cli.js')

function isFresh() {
  try {
    const builtMs = statSync(outFile).mtimeMs
    const inputs = JSON.parse(readFileSync(outFile.replace(/\.js$/, '') + '.inputs.json', 'utf8'))
    return inputs.every((f) => statSync(join(root, f)).mtimeMs <= builtMs)
  } catch {
    return false // no bundle yet, or an input was deleted or renamed
  }
}

if (!isFresh()) {
  const { buildCli } = await import('./buildCli.mjs')
  await buildCli(outFile)
}
createRequire(import.meta.url)(outFile)
