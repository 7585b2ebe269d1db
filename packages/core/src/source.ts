import { diagnostic, type Diagnostic } from './diagnostics.js';

/**
 * Decodes file bytes as UTF-8 for parseSigma. A UTF-8 byte-order mark is dropped; UTF-16/32 BOMs and invalid UTF-8
 * give an 'io/not-utf8' error (Sigma files are UTF-8 by specification) and no text.
 */
export function decodeSigmaBytes(bytes: Uint8Array, file: string): { text?: string; diagnostics: Diagnostic[] } {
  const at = { file, line: 1, column: 1 };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { diagnostics: [diagnostic('io/not-utf8', 'the file is UTF-16 encoded; Sigma files must be UTF-8', at, { hint: 're-save the file as UTF-8' })] };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, diagnostics: [] };
  } catch {
    // Locate the first invalid byte for the message: a strict scan (a decoder on prefixes would also fail on a
    // prefix that merely cuts a valid sequence in two, and point before the real problem).
    const bad = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) {
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    // Column in characters: count the lead bytes of the valid text before it on its line.
    let column = 1;
    for (let i = lineStart; i < bad; i++) if (((bytes[i] ?? 0) & 0xc0) !== 0x80) column++;
    return {
      diagnostics: [
        diagnostic('io/not-utf8', `invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at byte ${bad}`, { file, line, column }, { hint: 're-save the file as UTF-8' }),
      ],
    };
  }
}

/**
 * Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF); a broken or cut-short sequence points at its lead byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    if (i + len > n) return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += len;
  }
  return n;
}
