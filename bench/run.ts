/**
 * `npm run bench`: runs every bench/*.bench.ts and prints figures (not pass/fail).
 * Each file exports `default async function (): Promise<void>` that prints its own lines.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv[2]
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort()

async function main(): Promise<void> {
  console.log(`Limbic benchmarks - node ${process.version}, ${process.platform}/${process.arch}`)
  for (const f of files) {
    console.log(`\n## ${f.replace(/\.bench\.ts$/, '')}`)
    const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: () => Promise<void> }
    await mod.default()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
