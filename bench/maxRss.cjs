// Loaded with `node -r bench/maxRss.cjs ...`: prints the process's peak resident memory (KiB)
// to stderr at exit, for the start-up and replay benchmarks (bench/runs.ts reads it).
process.on('exit', () => {
  process.stderr.write(`limbic-max-rss-kib ${process.resourceUsage().maxRSS}\n`)
})
