/**
 * The import graph of src-main: no circle, and no module imports from a layer above its own
 * (shared <- devices/signal/settings <- session <- core <- ipc/shell/cli <- the Electron entry).
 * Read from the source text (static imports and `export ... from`), test files left out.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname)

const LAYER: Record<string, number> = {
  shared: 0,
  devices: 1,
  signal: 1,
  settings: 1,
  session: 2,
  learning: 2,
  core: 3,
  ipc: 4,
  shell: 4,
  cli: 4,
  'index.ts': 5,
  'preload.ts': 5
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'testSupport' ? [] : sources(path)
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : []
  })
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null
  const base = resolve(dirname(from), spec)
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return null
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>()
  for (const file of sources(ROOT)) {
    const text = readFileSync(file, 'utf8')
    const specs = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map(
      (m) => m[1]!
    )
    edges.set(
      file,
      specs.map((s) => resolveImport(file, s)).filter((p): p is string => p !== null && p.startsWith(ROOT))
    )
  }
  return edges
}

const rel = (p: string): string => relative(ROOT, p)
const layerOf = (p: string): number => {
  const top = rel(p).split('/')[0]!
  const layer = LAYER[top]
  if (layer === undefined) throw new Error(`no layer for ${rel(p)}`)
  return layer
}

describe('src-main import graph', () => {
  const edges = graph()

  it('reads a real graph', () => {
    expect(edges.size).toBeGreaterThan(80)
    expect(edges.get(join(ROOT, 'core/appCore.ts'))!.map(rel)).toContain('core/deviceManager.ts')
  })

  it('no module imports from a layer above its own', () => {
    const upward: string[] = []
    for (const [from, tos] of edges)
      for (const to of tos) if (layerOf(to) > layerOf(from)) upward.push(`${rel(from)} -> ${rel(to)}`)
    expect(upward).toEqual([])
  })

  it('has no circle', () => {
    const state = new Map<string, 'open' | 'done'>()
    const circles: string[] = []
    const stack: string[] = []
    const visit = (file: string): void => {
      state.set(file, 'open')
      stack.push(file)
      for (const to of edges.get(file) ?? []) {
        if (state.get(to) === 'open')
          circles.push([...stack.slice(stack.indexOf(to)), to].map(rel).join(' -> '))
        else if (!state.has(to)) visit(to)
      }
      stack.pop()
      state.set(file, 'done')
    }
    for (const file of edges.keys()) if (!state.has(file)) visit(file)
    expect(circles).toEqual([])
  })
})
