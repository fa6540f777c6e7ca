/**
 * Backpressure for work that produces file writes faster than the disk takes them (the replay CLI
 * feeding the session recorder on a virtual clock). The recorder buffers rows in memory and writes
 * them from a serial promise chain; a producer that never waits for that chain makes the buffers
 * grow with the length of its input. Awaiting this every so often bounds them.
 */

/**
 * Resolves once no file-system request of this process is in flight, i.e. every write issued so
 * far (and every write a finished one chained after it) has landed. A chain of awaited writes
 * issues its next request in the same microtask checkpoint that finishes the previous one, so it
 * is never seen as idle between two of its steps.
 */
export async function fileWritesSettled(): Promise<void> {
  do await new Promise((resolve) => setImmediate(resolve))
  while (process.getActiveResourcesInfo().some(isFileRequest))
}

/** fs requests (callback and promise APIs) and a FileHandle's close, as Node names them. */
const isFileRequest = (kind: string): boolean => kind.startsWith('FSReq') || kind === 'CloseReq'
