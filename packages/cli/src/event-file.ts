/**
 * An events file's bytes for `eval`, read into one buffer that serves the whole file. A read stream allocates a fresh
 * 64 KB buffer per read, and on this VM every fresh page costs a fault (about 10 µs): reading and decoding 270 MB of
 * NDJSON took 390–440 ms wall, 475–520 ms CPU through createReadStream, 324–340 ms and 330–346 ms through one
 * reused 1 MB buffer (3 runs each; BENCHMARKS.md, round 21).
 */
import { readSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Bytes asked of the file per read. */
export const READ_BYTES = 1 << 20;

/**
 * Bytes handed on at a time: what readEvents decodes into one string. A string of a megabyte lands in V8's
 * large-object space, a fresh mapping each time (BENCHMARKS.md, evaluator round 9: 1 MB pieces were x1.17 slower).
 */
export const PIECE_BYTES = 64 << 10;

/**
 * The file's bytes from `start` in pieces of up to PIECE_BYTES. Each piece is a view of the one buffer, overwritten by
 * the next read: a consumer must be done with a piece (readEvents decodes it at once) before it asks for the next.
 */
export async function* filePieces(path: string, start = 0): AsyncGenerator<Uint8Array, void, undefined> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES);
    for (let at = start; ; ) {
      // From the start, the file's own position (a pipe or a device has none to give); else from `start` on.
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES, start === 0 ? null : at);
      if (bytesRead === 0) return;
      at += bytesRead;
      yield* piecesOf(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}

/**
 * Bytes [start, end) of the open file `fd` (to its end when `end` is undefined), read synchronously into `buffer` (of
 * READ_BYTES) and handed on as filePieces hands them: views of at most PIECE_BYTES, each overwritten by the next read.
 * A thread matching a part of a large file reads it so (parallel/event-parts.ts).
 */
export function* filePiecesSync(fd: number, start: number, end: number | undefined, buffer: Buffer): Generator<Uint8Array, void, undefined> {
  for (let at = start; end === undefined || at < end; ) {
    const bytesRead = readSync(fd, buffer, 0, end === undefined ? buffer.length : Math.min(buffer.length, end - at), at);
    if (bytesRead === 0) return;
    at += bytesRead;
    yield* piecesOf(buffer.subarray(0, bytesRead));
  }
}

/** `bytes` as readEvents takes them: views of at most PIECE_BYTES (a file's read, a part of a stream). */
export function* piecesOf(bytes: Uint8Array): Generator<Uint8Array, void, undefined> {
  for (let k = 0; k < bytes.length; k += PIECE_BYTES) yield bytes.subarray(k, Math.min(bytes.length, k + PIECE_BYTES));
}
