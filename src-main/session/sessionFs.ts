/**
 * The few file operations session writing needs, behind one seam so a test can make the disk
 * "full" (ENOSPC, short writes) without root or a tiny filesystem. The default is node:fs.
 * Only operations that can run out of space go through here; rename/rm/stat free or need none.
 */
import { open as fsOpen, rm } from 'node:fs/promises'

/** The part of a FileHandle the writers use; `write` may write fewer bytes than asked. */
export interface WriteHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
  truncate(length: number): Promise<void>
  datasync(): Promise<void>
  stat(): Promise<{ size: number }>
  close(): Promise<void>
}

export interface SessionFs {
  /** flags as node's `open`: 'a' (append), 'w' (create/truncate), 'r+'. */
  open(path: string, flags: 'a' | 'w' | 'r+'): Promise<WriteHandle>
}

export const nodeSessionFs: SessionFs = { open: (path, flags) => fsOpen(path, flags) }

/** Write all of `bytes`: a short write (bytesWritten < length) is continued, never ignored. */
export async function writeFully(handle: WriteHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' })
    offset += bytesWritten
  }
}

/**
 * Create/replace `path` with `text`. On failure the half-written file is removed (a full disk
 * must not leave an empty `session.json.tmp` behind) and the error is rethrown.
 */
export async function writeWholeFile(fs: SessionFs, path: string, text: string | Uint8Array): Promise<void> {
  const handle = await fs.open(path, 'w')
  try {
    await writeFully(handle, typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
    await handle.close()
  } catch (err) {
    await handle.close().catch(() => undefined)
    await rm(path, { force: true }).catch(() => undefined)
    throw err
  }
}

/** ENOSPC / EDQUOT: the disk (or the user's quota) is full. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code
  return code === 'ENOSPC' || code === 'EDQUOT'
}
