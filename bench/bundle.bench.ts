/**
 * Bundle sizes of a production build (`electron-vite build`, minified) and of the CLI bundle:
 * bytes on disk and gzip-compressed (what the parser reads vs a rough measure of content). Sizes
 * are exact, so one build is enough; the build time is printed as a figure of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { printRuns, runChild } from './runs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
  )
}

export default async function (): Promise<void> {
  const build = runChild('npx', ['electron-vite', 'build'], { cwd: root })
  const cli = runChild('node', ['scripts/buildCli.mjs'], { cwd: root })
  printRuns('electron-vite build (main, preload, renderer)', [build.wallMs], 'ms')
  printRuns('CLI build (out/cli.js)', [cli.wallMs], 'ms')
  const out = join(root, 'out')
  const bundles = files(out).filter((f) => /\.(js|css)$/.test(f))
  const groups = new Map<string, { bytes: number; gzip: number }>()
  for (const f of bundles) {
    const rel = relative(out, f)
    const group = rel.startsWith('renderer/')
      ? `renderer ${rel.endsWith('.css') ? 'CSS' : 'JS'}`
      : rel.split('/')[0]!
    const g = groups.get(group) ?? { bytes: 0, gzip: 0 }
    g.bytes += statSync(f).size
    g.gzip += gzipSync(readFileSync(f)).length
    groups.set(group, g)
  }
  for (const [group, g] of [...groups].sort()) {
    const name = `bundle ${group.replace(/\.js$/, '')}`
    console.log(
      `${name.padEnd(48)} ${(g.bytes / 1024).toFixed(1).padStart(10)} KiB  (gzip ${(g.gzip / 1024).toFixed(1)} KiB; exact, 1 build)`
    )
  }
}
