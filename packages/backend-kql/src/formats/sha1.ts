/**
 * SHA-1 (FIPS 180-4, section 6.1) of a byte string, as lowercase hex: only for Sentinel rule GUIDs (name-based UUIDs,
 * RFC 4122 section 4.3), where the digest names a rule and protects nothing. Written here rather than taken from a
 * hashing library because it is small and the library cost 2.2 KB of the gzipped browser bundle (issue 14's budget;
 * BENCHMARKS.md "Bundle sizes"); node:crypto does not exist in a browser and Web Crypto's digest is asynchronous.
 * Tested on the FIPS 180 / RFC 3174 vectors and against node:crypto on random inputs (test/browser-ids.test.ts).
 */
export function sha1Hex(bytes: Uint8Array): string {
  const length = bytes.length;
  // The message, padded (a 1 bit, zeros, the 64-bit bit length) to whole 512-bit blocks, as big-endian 32-bit words.
  const words = new Int32Array((((length + 8) >>> 6) + 1) << 4);
  for (let i = 0; i < length; i++) words[i >>> 2]! |= bytes[i]! << (24 - (i & 3) * 8);
  words[length >>> 2]! |= 0x80 << (24 - (length & 3) * 8);
  words[words.length - 2] = Math.floor(length / 0x20000000); // high word of length * 8
  words[words.length - 1] = length << 3;
  const w = new Int32Array(80);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  for (let block = 0; block < words.length; block += 16) {
    for (let t = 0; t < 80; t++) {
      if (t < 16) w[t] = words[block + t]!;
      else {
        const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
        w[t] = (x << 1) | (x >>> 31);
      }
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 || t >= 60 ? b ^ c ^ d : (b & c) | (b & d) | (c & d);
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc | 0 : 0xca62c1d6 | 0;
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  return [h0, h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}
