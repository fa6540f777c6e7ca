/**
 * Reads a ZIP archive (what `zip.ts` writes, and what common tools write for a zipped folder:
 * stored or deflated entries, PKWARE APPNOTE 6.3) into a fresh folder, refusing anything that
 * could write outside it or exhaust the disk:
 *  - names that are absolute (`/x`, `C:\x`, `\\server`), hold `..` or `.` segments, backslashes,
 *    NUL, or are deeper than MAX_ZIP_DEPTH (zip-slip);
 *  - symbolic links (Unix mode in the external attributes) and any other non-regular entry;
 *  - encrypted entries, methods other than stored/deflate, ZIP64, split archives;
 *  - duplicate names, entries whose size exceeds the import limits, or a total beyond them; the
 *    inflater is capped at the declared size (a "zip bomb" that lies about its size stops there)
 *    and every entry's CRC-32 is checked.
 * Nothing is written until the whole central directory has passed these checks. The caller gives
 * a folder that does not exist yet and removes it when done.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import { crc32, inflateRawSync } from 'node:zlib'

/** Path components an entry may have: `<folder>/<id>/<file>` at most. */
export const MAX_ZIP_DEPTH = 3

export interface ZipLimits {
  maxEntryBytes: number
  maxTotalBytes: number
}

interface CentralEntry {
  name: string
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
  isDir: boolean
}

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

function checkName(name: string): string | null {
  if (name.includes('\0')) return 'has a NUL character'
  if (name.includes('\\')) return 'uses backslashes'
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path'
  const parts = name.replace(/\/$/, '').split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'has an empty, "." or ".." path segment'
  if (parts.length > MAX_ZIP_DEPTH) return `is nested deeper than ${MAX_ZIP_DEPTH} levels`
  return null
}

/** The central directory, checked; throws with a message naming the archive and entry. */
function readCentral(buf: Buffer, label: string, limits: ZipLimits): CentralEntry[] {
  const refuse = (why: string): Error => new Error(`${label}: ${why}; not imported`)
  // End of central directory: the last signature within the final 64 KiB + 22 bytes.
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw refuse('not a zip file (no end of central directory)')
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0)
    throw refuse('a split (multi-part) zip')
  const count = buf.readUInt16LE(eocd + 10)
  const cdSize = buf.readUInt32LE(eocd + 12)
  const cdOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw refuse('a ZIP64 archive')
  if (cdOffset + cdSize > eocd) throw refuse('damaged (central directory out of range)')
  const entries: CentralEntry[] = []
  const seen = new Set<string>()
  let total = 0
  let p = cdOffset
  for (let k = 0; k < count; k++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) throw refuse('damaged (central directory)')
    const madeBy = buf.readUInt16LE(p + 4) >> 8
    const flags = buf.readUInt16LE(p + 8)
    const method = buf.readUInt16LE(p + 10)
    const crc = buf.readUInt32LE(p + 16)
    const compressedSize = buf.readUInt32LE(p + 20)
    const size = buf.readUInt32LE(p + 24)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const external = buf.readUInt32LE(p + 38)
    const localOffset = buf.readUInt32LE(p + 42)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    p += 46 + nameLen + extraLen + commentLen
    const bad = checkName(name)
    if (bad) throw refuse(`entry "${name.slice(0, 120)}" ${bad}`)
    const isDir = name.endsWith('/')
    // Unix-made entries carry their file type: only regular files and folders are taken.
    if (madeBy === 3) {
      const type = (external >>> 16) & S_IFMT
      if (type !== 0 && type !== (isDir ? S_IFDIR : S_IFREG))
        throw refuse(`entry "${name}" is a ${type === 0o120000 ? 'symbolic link' : 'special file'}`)
    }
    if (flags & 1) throw refuse(`entry "${name}" is encrypted`)
    if (method !== 0 && method !== 8) throw refuse(`entry "${name}" uses compression method ${method}`)
    if (seen.has(name)) throw refuse(`entry "${name}" appears twice`)
    seen.add(name)
    if (size > limits.maxEntryBytes)
      throw refuse(`entry "${name}" unpacks to ${size} bytes, more than ${limits.maxEntryBytes}`)
    total += size
    if (total > limits.maxTotalBytes)
      throw refuse(`its entries unpack to more than ${limits.maxTotalBytes} bytes`)
    entries.push({ name, method, crc, compressedSize, size, localOffset, isDir })
  }
  return entries
}

/** Unpacks `zipBytes` into `dest` (which must not exist); returns the files written (zip names). */
export async function extractZip(
  zipBytes: Buffer,
  dest: string,
  label: string,
  limits: ZipLimits
): Promise<string[]> {
  const refuse = (why: string): Error => new Error(`${label}: ${why}; not imported`)
  const entries = readCentral(zipBytes, label, limits)
  const root = resolve(dest)
  await mkdir(root)
  const written: string[] = []
  for (const e of entries) {
    const target = resolve(root, ...e.name.replace(/\/$/, '').split('/'))
    // Belt and braces after checkName: the resolved path must stay inside the folder.
    if (!target.startsWith(root + sep)) throw refuse(`entry "${e.name}" leads outside the folder`)
    if (e.isDir) {
      await mkdir(target, { recursive: true })
      continue
    }
    const p = e.localOffset
    if (p + 30 > zipBytes.length || zipBytes.readUInt32LE(p) !== 0x04034b50)
      throw refuse(`entry "${e.name}" is damaged (no local header)`)
    const start = p + 30 + zipBytes.readUInt16LE(p + 26) + zipBytes.readUInt16LE(p + 28)
    if (start + e.compressedSize > zipBytes.length) throw refuse(`entry "${e.name}" is truncated`)
    const body = zipBytes.subarray(start, start + e.compressedSize)
    let data: Buffer
    try {
      data =
        e.method === 0 ? Buffer.from(body) : inflateRawSync(body, { maxOutputLength: Math.max(1, e.size) })
    } catch {
      throw refuse(`entry "${e.name}" does not unpack to its declared ${e.size} bytes`)
    }
    if (data.length !== e.size)
      throw refuse(`entry "${e.name}" does not unpack to its declared ${e.size} bytes`)
    if (crc32(data) !== e.crc) throw refuse(`entry "${e.name}" fails its CRC check`)
    await mkdir(join(target, '..'), { recursive: true })
    await writeFile(target, data, { flag: 'wx' })
    written.push(e.name)
  }
  return written
}
