/**
 * An append-only text file with an in-memory buffer: rows are appended in memory and written in
 * one `write` per flush (the recorder flushes at least once a second). Opening with flag 'a'
 * means every write lands at the end even if something else truncated the file.
 * `sync` (fdatasync) protects against OS crash / power loss; a killed *process* loses nothing
 * already written, so syncing is rate-limited by the caller.
 */
import { open, type FileHandle } from 'node:fs/promises'

export class AppendFile {
  private chunks: string[] = []
  private dirtySinceSync = false
  private constructor(
    readonly path: string,
    private handle: FileHandle | null
  ) {}

  /** Open for appending; writes `header` when the file is new or empty. */
  static async open(path: string, header = ''): Promise<AppendFile> {
    const handle = await open(path, 'a')
    const file = new AppendFile(path, handle)
    if (header && (await handle.stat()).size === 0) {
      await handle.write(header)
      file.dirtySinceSync = true
    }
    return file
  }

  append(text: string): void {
    this.chunks.push(text)
  }

  get pendingChunks(): number {
    return this.chunks.length
  }

  async flush(sync: boolean): Promise<void> {
    if (!this.handle) return
    if (this.chunks.length > 0) {
      const text = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('')
      this.chunks = []
      await this.handle.write(text)
      this.dirtySinceSync = true
    }
    if (sync && this.dirtySinceSync) {
      await this.handle.datasync()
      this.dirtySinceSync = false
    }
  }

  async close(): Promise<void> {
    if (!this.handle) return
    await this.flush(true)
    await this.handle.close()
    this.handle = null
  }
}
