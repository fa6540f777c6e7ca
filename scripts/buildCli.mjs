#!/usr/bin/env node
/**
 * Bundles the CLI (src-main/cli/bin.ts and everything it imports) into one CommonJS file, so
 * `npm run cli` starts without transpiling TypeScript at every run. The native device modules
 * (package.json "dependencies") stay external: they load from node_modules when a command needs
 * them. Next to the bundle, `<name>.inputs.json` lists the files it was built from; scripts/cli.mjs
 * rebuilds when one of them is newer than the bundle.
 *
 *   node scripts/buildCli.mjs [out file]     (default out/cli.js)
 */
import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const DEFAULT_CLI_OUT = join(root, 'out', 'cli.js')
/** Besides the bundled sources, a change to these rebuilds the CLI too. */
export const BUILD_INPUTS = ['package.json', 'scripts/buildCli.mjs']

export const inputsFileFor = (outFile) => outFile.replace(/\.js$/, '') + '.inputs.json'

export async function buildCli(outFile = DEFAULT_CLI_OUT) {
  const startedS = Date.now() / 1000
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src-main/cli/bin.ts'],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [...Object.keys(pkg.dependencies ?? {}), 'electron'],
    minify: true,
    keepNames: true,
    metafile: true,
    write: false,
    logLevel: 'warning'
  })
  mkdirSync(dirname(outFile), { recursive: true })
  const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_INPUTS]
  // Written aside and renamed, so a CLI started meanwhile never loads half a file.
  for (const file of result.outputFiles) {
    writeFileSync(file.path + '.tmp', file.contents)
    renameSync(file.path + '.tmp', file.path)
    // Stamped with the build's start: a source saved during the build still counts as newer.
    utimesSync(file.path, startedS, startedS)
  }
  writeFileSync(inputsFileFor(outFile), JSON.stringify(inputs, null, 1) + '\n')
  return { outFile, inputs: inputs.length }
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const r = await buildCli(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_CLI_OUT)
  console.log(`built ${r.outFile} from ${r.inputs} files`)
}
