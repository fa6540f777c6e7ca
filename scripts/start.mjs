#!/usr/bin/env node
/**
 * `npm start`: fetch Electron's binary if it is missing (Electron >= 42 installs it lazily),
 * build with electron-vite, then launch the app. Without a strap the app runs on the simulator.
 */
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')

function electronBinary() {
  const pathTxt = join(electronDir, 'path.txt')
  if (!existsSync(pathTxt)) return null
  const exe = join(
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist'),
    readFileSync(pathTxt, 'utf8').trim()
  )
  return existsSync(exe) ? exe : null
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  return r.status ?? 1
}

if (!electronBinary()) {
  console.log('Electron binary not found; downloading it once (npx install-electron)…')
  if (run('node', [join(electronDir, 'install.js')]) !== 0 || !electronBinary()) {
    console.error(
      '\nCould not download Electron. Check the network (or set ELECTRON_MIRROR), then run `npm start` again.\n' +
        'The headless core works without it: `npm run cli -- simulate --seconds 10`.'
    )
    process.exit(1)
  }
}

if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1)
const child = spawn(electronBinary(), [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
child.on('exit', (code) => process.exit(code ?? 0))
