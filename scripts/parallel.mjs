#!/usr/bin/env node
/**
 * Runs npm scripts side by side and fails if any fails: `node scripts/parallel.mjs lint typecheck`.
 * `npm test` checks lint and types at the same time (each leaves a core idle for part of its run),
 * which saves about a quarter of their time on 2 cores (issue 20, item 7). Each script's output is
 * kept whole and printed when it ends, so the two never interleave.
 */
import { spawn } from 'node:child_process'

const names = process.argv.slice(2)
if (names.length === 0) {
  console.error('usage: node scripts/parallel.mjs <npm script> [<npm script> ...]')
  process.exit(2)
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const runs = names.map((name) =>
  new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks = []
    child.stdout.on('data', (c) => chunks.push(c))
    child.stderr.on('data', (c) => chunks.push(c))
    child.on('error', (err) => resolve({ name, code: 1, output: String(err) }))
    child.on('close', (code) => resolve({ name, code: code ?? 1, output: Buffer.concat(chunks).toString() }))
  }).then((run) => {
    process.stdout.write(`== ${run.name} ${run.code === 0 ? 'passed' : `FAILED (exit ${run.code})`}\n`)
    if (run.output.trim()) process.stdout.write(run.output.endsWith('\n') ? run.output : `${run.output}\n`)
    return run
  })
)
const results = await Promise.all(runs)
process.exit(results.some((r) => r.code !== 0) ? 1 : 0)
