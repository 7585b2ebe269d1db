import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { filePieces, filePiecesSync, READ_BYTES } from '../src/event-file.js';
import { tempDir } from './temp-dir.js';

const dir = tempDir('sigmats-event-file-');

/** The pieces' bytes, each copied as it comes (the next read overwrites it), and their sizes. */
async function collect(path: string, start = 0): Promise<{ bytes: Buffer; sizes: number[] }> {
  const copies: Buffer[] = [];
  for await (const piece of filePieces(path, start)) copies.push(Buffer.from(piece));
  return { bytes: Buffer.concat(copies), sizes: copies.map((c) => c.length) };
}

describe('filePieces (eval reads events files through one buffer)', () => {
  test.each([0, 1, 65_535, 65_536, 65_537, (1 << 20) - 1, 1 << 20, (1 << 20) + 3, 2_500_000])('a file of %i bytes comes back whole, in pieces of at most 64 KB', async (size) => {
    const content = Buffer.alloc(size);
    for (let k = 0; k < size; k++) content[k] = (k * 31 + (k >> 16)) & 0xff;
    const path = join(dir, `f${size}`);
    writeFileSync(path, content);
    const { bytes, sizes } = await collect(path);
    expect(bytes.equals(content)).toBe(true);
    expect(sizes.every((n) => n > 0 && n <= 65_536)).toBe(true);
  });

  test.each([1, 65_536, (1 << 20) + 1, 2_499_999, 2_500_000, 3_000_000])('from byte %i, the rest of the file (where one pass after a part that ends inside a value goes on)', async (start) => {
    const content = Buffer.alloc(2_500_000);
    for (let k = 0; k < content.length; k++) content[k] = (k * 7 + (k >> 12)) & 0xff;
    const path = join(dir, 'from');
    writeFileSync(path, content);
    const { bytes } = await collect(path, start);
    expect(bytes.equals(content.subarray(start))).toBe(true);
  });

  test.each([
    [0, undefined],
    [1, 65_537],
    [65_536, (1 << 20) + 3],
    [1_000_000, 2_500_000],
    [2_499_999, undefined],
    [2_500_000, undefined],
  ])('synchronously, bytes %i to %s (the end) in pieces of at most 64 KB (a thread reading its part)', (start, end) => {
    const content = Buffer.alloc(2_500_000);
    // Not periodic within a read's megabyte: a view overwritten by the next read could not pass for the right bytes.
    for (let k = 0, x = 7; k < content.length; k++) content[k] = x = (x * 1103515245 + 12345) >>> 16 & 0xff;
    const path = join(dir, 'range');
    writeFileSync(path, content);
    const fd = openSync(path, 'r');
    try {
      // Each piece copied as it comes (the next read overwrites it).
      const copies: Buffer[] = [];
      for (const piece of filePiecesSync(fd, start, end, Buffer.allocUnsafe(READ_BYTES))) copies.push(Buffer.from(piece));
      expect(Buffer.concat(copies).equals(content.subarray(start, end))).toBe(true);
      expect(copies.every((c) => c.length > 0 && c.length <= 65_536)).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  test('a missing file and a folder fail as reading them does', async () => {
    await expect(collect(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(collect(dir)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
