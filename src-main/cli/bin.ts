/** The CLI's process entry: bundled into out/cli.js by scripts/cli.mjs (`npm run cli`). */
import { main } from './main'
import { processIo } from './io'

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err))
    process.exitCode = 1
  }
)
