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
    // Locate the first invalid byte for the message.
    let line = 1;
    let bad = 0;
    const dec = new TextDecoder('utf-8', { fatal: true });
    for (let lo = 0, hi = bytes.length; lo < hi; ) {
      const mid = (lo + hi) >> 1;
      try {
        dec.decode(bytes.subarray(0, mid + 1));
        lo = mid + 1;
        bad = lo;
      } catch {
        hi = mid;
        bad = lo;
      }
    }
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) line++;
    return {
      diagnostics: [diagnostic('io/not-utf8', `invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at byte ${bad}`, { file, line, column: 1 }, { hint: 're-save the file as UTF-8' })],
    };
  }
}
