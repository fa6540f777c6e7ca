/**
 * A disk that runs out of space, for tests: real files through node:fs, but every write is
 * counted against `freeBytes`. A write that does not fit writes what fits and reports a short
 * write (as the kernel does); the next one fails with ENOSPC. Truncating gives the space back.
 * `maxBytesPerWrite` forces short writes even with space left.
 */
import { open } from 'node:fs/promises'
import type { SessionFs, WriteHandle } from '../sessionFs'

export class FullDisk {
  freeBytes = Infinity
  maxBytesPerWrite = Infinity
  /** Writes that failed with ENOSPC, and writes that were cut short. */
  enospc = 0
  shortWrites = 0

  readonly fs: SessionFs = {
    open: async (path, flags) => {
      const fh = await open(path, flags)
      const handle: WriteHandle = {
        write: async (buffer, offset, length) => {
          if (this.freeBytes <= 0 && length > 0) {
            this.enospc++
            throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
              code: 'ENOSPC',
              errno: -28,
              syscall: 'write'
            })
          }
          const n = Math.min(length, this.freeBytes, this.maxBytesPerWrite)
          if (n < length) this.shortWrites++
          const { bytesWritten } = await fh.write(buffer, offset, n)
          this.freeBytes -= bytesWritten
          return { bytesWritten }
        },
        truncate: async (len) => {
          const before = (await fh.stat()).size
          await fh.truncate(len)
          if (len < before) this.freeBytes += before - len
        },
        datasync: () => fh.datasync(),
        stat: () => fh.stat(),
        close: () => fh.close()
      }
      return handle
    }
  }
}
