/**
 * Byte-level helpers for the encoding modifiers. A "byte string" is a JS string whose char codes are bytes
 * (0..255): that is how values look after `wide`/`utf16*`, before `base64`.
 */

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** UTF-8 byte length without `Buffer` (absent in browsers) and without encoding a copy of a large input. */
export function utf8ByteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP char, or a lone surrogate (encoded as U+FFFD: 3 bytes, as Buffer.byteLength counts it)
  }
  return n;
}

export function byteStringToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

export function bytesToByteString(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i] as number);
  return s;
}

/** UTF-16 code units of `text` as a byte string, little- or big-endian (surrogates kept as pairs: correct UTF-16). */
export function utf16ByteString(text: string, bigEndian: boolean): string {
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const lo = String.fromCharCode(u & 0xff);
    const hi = String.fromCharCode(u >> 8);
    s += bigEndian ? hi + lo : lo + hi;
  }
  return s;
}

/**
 * Standard base64 with padding (RFC 4648), no line breaks. `btoa` is a global in browsers and in Node >= 16 (WHATWG
 * "forgiving-base64 encode", which is RFC 4648 section 4 with padding), so the main entry stays platform-neutral:
 * `Buffer` does not exist in a browser. Chunked so a long value does not overflow `String.fromCharCode`'s arguments.
 */
export function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * The three `base64offset` variants, pySigma's algorithm: prefix i (0, 1, 2) bytes, encode, then cut the characters
 * that depend on the unknown bytes around the value: start = (0, 2, 3)[i], end = (none, -3, -2)[(n + i) % 3]
 * with n the byte length. Returns undefined when a variant would be empty (the value is too short).
 */
export function base64OffsetVariants(bytes: Uint8Array): string[] | undefined {
  const n = bytes.length;
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const shifted = new Uint8Array(n + i);
    shifted.fill(0x20, 0, i);
    shifted.set(bytes, i);
    const enc = base64(shifted);
    const start = [0, 2, 3][i] as number;
    const endCut = [0, 3, 2][(n + i) % 3] as number;
    const v = enc.slice(start, enc.length - endCut);
    if (v === '') return undefined;
    out.push(v);
  }
  return out;
}
