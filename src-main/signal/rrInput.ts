/**
 * An RR file's bytes, whatever its layout: FIT (binary, see rrFit.ts) or text (rrFile.ts: one
 * interval per line, Polar .hrm, Kubios and CSV tables with a named RR column, Limbic's own
 * beats.csv and _rr.txt). Both `analyze` and History's RR import read files through here.
 */
import { looksLikeFit, parseRrFit } from './rrFit'
import { parseRrText, type ParsedRr } from './rrFile'

export function parseRrBytes(bytes: Uint8Array, fileName?: string): ParsedRr {
  if (looksLikeFit(bytes)) return parseRrFit(bytes, fileName)
  return parseRrText(new TextDecoder('utf-8').decode(bytes), fileName)
}
