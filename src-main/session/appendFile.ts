/**
 * An append-only text file with an in-memory buffer: rows are appended in memory and written in
 * one batch per flush (the recorder flushes at least once a second). Opening with flag 'a'
 * means every write lands at the end.
 * `sync` (fdatasync) protects against OS crash / power loss; a killed *process* loses nothing
 * already written, so syncing is rate-limited by the caller.
 *
 * Write failures (disk full...): a batch leaves memory only once all of its bytes are confirmed
 * written. A short write is continued with the rest; if writing then fails, the file is cut back
 * to where the batch started (the end of the last complete row), so a half row can never be
 * followed by another row (a "spliced" row). The batch stays held and the next flush retries it.
 * If even that cut fails, nothing more is written until a later flush manages it.
 */
import { nodeSessionFs, writeFully, type SessionFs, type WriteHandle } from './sessionFs'

export class AppendFile {
  private chunks: string[] = []
  /** Bytes of rows that a failed flush could not write (oldest first), retried next flush. */
  private held: Buffer[] = []
  private heldBytes = 0
  private heldRows = 0
  /** Bytes and rows in `chunks` (appended since the last flush began). */
  private chunkBytes = 0
  private chunkRows = 0
  private dirtySinceSync = false
  /** Bytes on disk that end with a complete row; a failed write is cut back to this. */
  private confirmedSize: number
  private mustCutBack = false
  private constructor(
    readonly path: string,
    private handle: WriteHandle | null,
    size: number
  ) {
    this.confirmedSize = size
  }

  /** Open for appending; writes `header` when the file is new or empty. */
  static async open(path: string, header = '', fs: SessionFs = nodeSessionFs): Promise<AppendFile> {
    const handle = await fs.open(path, 'a')
    try {
      let size = (await handle.stat()).size
      if (header && size === 0) {
        const bytes = Buffer.from(header, 'utf8')
        await writeFully(handle, bytes)
        size = bytes.length
      }
      const file = new AppendFile(path, handle, size)
      file.dirtySinceSync = size > 0
      return file
    } catch (err) {
      await handle.close().catch(() => undefined)
      throw err
    }
  }

  /** Append one or more complete rows (the unit a failed write is cut back to). */
  append(text: string): void {
    this.chunks.push(text)
    this.chunkBytes += Buffer.byteLength(text, 'utf8')
    this.chunkRows++
  }

  get pendingChunks(): number {
    return this.chunks.length
  }

  /** Appended but not yet confirmed on disk: bytes (UTF-8) and append calls (rows). */
  get pending(): { bytes: number; rows: number } {
    return { bytes: this.heldBytes + this.chunkBytes, rows: this.heldRows + this.chunkRows }
  }

  async flush(sync: boolean): Promise<void> {
    const handle = this.handle
    if (!handle) return
    if (this.mustCutBack) {
      await handle.truncate(this.confirmedSize)
      this.mustCutBack = false
    }
    if (this.chunks.length > 0) {
      this.held.push(Buffer.from(this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join(''), 'utf8'))
      this.chunks = []
      this.heldBytes += this.chunkBytes
      this.heldRows += this.chunkRows
      this.chunkBytes = 0
      this.chunkRows = 0
    }
    if (this.held.length > 0) {
      const batch = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held)
      this.held = [batch]
      try {
        await writeFully(handle, batch)
      } catch (err) {
        // Part of the batch may be on disk, ending mid-row: cut it off before anything else
        // is appended. The whole batch stays held and is written again by a later flush.
        this.mustCutBack = true
        try {
          await handle.truncate(this.confirmedSize)
          this.mustCutBack = false
        } catch {
          // retried first thing in the next flush
        }
        throw err
      }
      this.confirmedSize += batch.length
      this.held = []
      this.heldBytes = 0
      this.heldRows = 0
      this.dirtySinceSync = true
    }
    if (sync && this.dirtySinceSync) {
      await handle.datasync()
      this.dirtySinceSync = false
    }
  }

  /**
   * Flush, sync and close. The handle is closed even when the flush fails (the error is then
   * rethrown, and `pending` tells what could not be written).
   */
  async close(): Promise<void> {
    const handle = this.handle
    if (!handle) return
    try {
      await this.flush(true)
    } finally {
      this.handle = null
      await handle.close().catch(() => undefined)
    }
  }
}
