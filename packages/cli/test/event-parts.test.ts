// Issue 16, both cores: a large events file is read in parts, each part read, parsed and matched by the thread it
// is given to (parallel/event-parts.ts). Whatever the cuts, the output must be what one pass over the file writes
// (stdout and stderr): parts that end inside a value (a `{` in column 1 within it, a top-level array) and parts whose
// outcome changes the rule set make the run go on alone from there; a part lost with its worker is matched here.
import { closeSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { compileRuleSet, generateProcessEvents, readEventPart, readEvents, type ReadItem } from '@sigmats/evaluator';
import { describe, expect, test } from 'vitest';
import { colorsFor } from '../src/color.js';
import { MatchReport } from '../src/eval-output.js';
import { filePieces } from '../src/event-file.js';
import { memoryIo } from '../src/io.js';
import { evaluateEvent } from '../src/parallel/eval-chunk.js';
import { cutIn, EventParts, nextCut, opensWithObject, partMatcher, streamOpensWithObject, type PartJob, type PartResult } from '../src/parallel/event-parts.js';
import type { StreamPool } from '../src/parallel/stream-pool.js';
import { eventText } from '../../evaluator/test/event-texts.js';
import { WHOAMI_AND_CMD } from './eval-rules.js';
import { immediatePool } from './immediate-pool.js';
import { tempDir } from './temp-dir.js';

const rules = `${WHOAMI_AND_CMD}---
title: Anything with an a
id: 0b7c6e1a-1d2e-4f00-8a9b-0000000000e3
logsource:
    category: process_creation
    product: windows
detection:
    sel:
        a|contains: 'a'
    condition: sel
`;
const ruleSet = () => compileRuleSet(loadCollection([{ text: rules, file: 'r.yml' }]));

const dir = tempDir('sigmats-event-parts-');
let files = 0;

function fileOf(text: string): string {
  const path = join(dir, `events-${files++}.json`);
  writeFileSync(path, text);
  return path;
}

/** What a one-thread `eval` writes for the sources: one pass over each in turn, each item reported as it is read. */
async function onePassOf(sources: readonly { readonly name: string; readonly pieces: AsyncIterable<string | Uint8Array> }[]): Promise<{ out: string; err: string }> {
  const io = memoryIo();
  const set = ruleSet();
  const stream = set.stream();
  const report = new MatchReport(io, colorsFor(io.stderr, io, true), new Map());
  for (const { name, pieces } of sources) {
    try {
      for await (const item of readEvents(pieces, name)) {
        if (item.diagnostic) report.diagnostic(item.diagnostic);
        else await report.event(name, item.event.line, evaluateEvent(set, stream, (e) => e, item.event.event));
      }
      await report.fileEnd();
    } catch (err) {
      report.fileFailed(name, err);
    }
  }
  return { out: io.out(), err: io.err() };
}

/** One pass over the files (named as inParts names them). */
const onePass = (...paths: string[]): Promise<{ out: string; err: string }> =>
  onePassOf(paths.map((path) => ({ name: paths.length === 1 ? 'events' : basename(path), pieces: filePieces(path) })));

interface FakeWorker {
  /** Jobs the worker accepted. */
  offered: number;
  /** The part whose first event's outcome is made an error (one that changes the rule set). */
  poisoned?: number;
  /** The part lost with the worker (handed back to the main thread). */
  lostPart?: number;
  /** Jobs the worker takes at all (every other one, to mix the threads' parts). */
  takes: (index: number) => boolean;
  /** Results come back only as the caller waits for them, oldest first, two jobs held at most (as a busy worker's). */
  slow?: boolean;
}

/**
 * `inner`, its results handed back one at a time as the caller waits (next), oldest first, and at most two jobs held:
 * parts then wait, unwritten, while later ones are read, as they do beside a real worker.
 */
function slowPool(inner: StreamPool<PartJob, PartResult>): StreamPool<PartJob, PartResult> {
  const waiting: number[] = [];
  const released = new Set<number>();
  const pool = {
    offer(job: PartJob): boolean {
      if (waiting.length >= 2 || !inner.offer(job)) return false;
      waiting.push(job.index);
      return true;
    },
    take: (index: number): PartResult | undefined => (released.has(index) ? inner.take(index) : undefined),
    lost: (index: number): boolean => released.has(index) && inner.lost(index),
    async next(): Promise<void> {
      const index = waiting.shift();
      if (index !== undefined) released.add(index);
      await Promise.resolve();
    },
    close: () => inner.close(),
  };
  return pool as unknown as StreamPool<PartJob, PartResult>;
}

/** A pool whose one worker matches parts with a rule set of its own, at once. */
function fakePool(w: FakeWorker): StreamPool<PartJob, PartResult> {
  const set = ruleSet();
  const match = partMatcher(set, set.stream(), false);
  return immediatePool((job: PartJob): PartResult | 'refused' | 'lost' => {
    if (!w.takes(job.index)) return 'refused';
    w.offered++;
    if (job.index === w.lostPart) return 'lost';
    const r = match(job);
    const first = r.error === undefined ? r.entries.findIndex((e) => typeof e !== 'object' || !('diagnostic' in e)) : -1;
    if (job.index !== w.poisoned || r.error !== undefined || first < 0) return r;
    const entries = [...r.entries];
    const e = entries[first]!;
    entries[first] = { line: typeof e === 'number' ? e : 'line' in e ? e.line : 0, outcome: { error: 'poisoned' } };
    return { ...r, entries };
  });
}

async function inParts(paths: string | string[], partBytes: number, worker: FakeWorker): Promise<{ out: string; err: string; parts: number }> {
  const io = memoryIo();
  const set = ruleSet();
  const report = new MatchReport(io, colorsFor(io.stderr, io, true), new Map());
  const parts = new EventParts({ report, set, stream: set.stream(), flatten: false, pool: fakePool(worker), recompile: ruleSet, threads: 2, partBytes });
  const list = typeof paths === 'string' ? [paths] : paths;
  for (const path of list) await parts.run(path, list.length === 1 ? 'events' : basename(path));
  return { out: io.out(), err: io.err(), parts: parts.parts };
}

const everyOther = (index: number): boolean => index % 2 === 0;

/** NDJSON of generated process events, with junk, broken and blank lines, CRLF endings and a mark at the start. */
function mixedNdjson(n: number, seed: number): string {
  const lines: string[] = [];
  generateProcessEvents(n, seed).forEach((e, i) => {
    lines.push(JSON.stringify({ ...e, a: i % 3 === 0 ? 'a' : 'b' }) + (i % 7 === 0 ? '\r' : ''));
    if (i % 41 === 40) lines.push('garbage');
    if (i % 53 === 52) lines.push('{"EventID": 1, "Image": "cut');
    if (i % 29 === 28) lines.push('');
    if (i % 61 === 60) lines.push('{"a": 1} trailing');
  });
  return `\ufeff${lines.join('\n')}`;
}

describe('an events file read in parts writes what one pass writes', () => {
  test('NDJSON with junk, broken lines, CRLF and a byte order mark, in parts of many sizes', async () => {
    const path = fileOf(mixedNdjson(600, 5));
    const one = await onePass(path);
    expect(one.out.split('\n').length).toBeGreaterThan(100);
    expect(one.err).toContain('eval/invalid-event');
    for (const bytes of [1, 100, 4096, 50_000, 1 << 20]) {
      const worker: FakeWorker = { offered: 0, takes: everyOther };
      const got = await inParts(path, bytes, worker);
      expect(got.out).toBe(one.out);
      expect(got.err).toBe(one.err);
      if (bytes <= 4096) expect(worker.offered).toBeGreaterThan(10);
    }
  });

  test('pretty-printed objects (evtx_dump) are cut between objects', async () => {
    const text = generateProcessEvents(200, 9)
      .map((e) => JSON.stringify({ Event: { EventData: e }, a: 'a' }, null, 2))
      .join('\n');
    const path = fileOf(`${text}\n`);
    const one = await onePass(path);
    const got = await inParts(path, 2000, { offered: 0, takes: everyOther });
    expect(got.parts).toBeGreaterThan(20);
    expect(got.out).toBe(one.out);
    expect(got.err).toBe(one.err);
  });

  test('a part that ends inside a value makes the run go on alone from it', async () => {
    const before = generateProcessEvents(100, 3).map((e) => JSON.stringify({ ...e, a: 'a' }));
    // A `{` in column 1 inside a value: a cut may fall there. Then a top-level array, whose objects start lines.
    const inside = ['{"a": "a1",', '"b":', '{"c": 1}}', '[', '{"a": "a2"},', '{"a": "a3"}', ']'];
    const after = generateProcessEvents(100, 4).map((e) => JSON.stringify({ ...e, a: 'a' }));
    const path = fileOf([...before, ...inside, ...after].join('\n'));
    const one = await onePass(path);
    expect(one.out).toContain('"event":102');
    for (const bytes of [1, 300, 2000]) {
      const got = await inParts(path, bytes, { offered: 0, takes: everyOther });
      expect(got.out).toBe(one.out);
      expect(got.err).toBe(one.err);
    }
  });

  test('a part whose outcome changes the rule set: the run goes on alone from it', async () => {
    const path = fileOf(mixedNdjson(300, 8));
    const one = await onePass(path);
    const worker: FakeWorker = { offered: 0, takes: everyOther, poisoned: 4 };
    const got = await inParts(path, 3000, worker);
    // Parts 0, 2 and 4 were offered; from part 4 on this thread read the file alone.
    expect(worker.offered).toBe(3);
    expect(got.out).toBe(one.out);
    expect(got.err).toBe(one.err);
  });

  test('a part lost with its worker is matched here', async () => {
    const path = fileOf(mixedNdjson(300, 12));
    const one = await onePass(path);
    const got = await inParts(path, 3000, { offered: 0, takes: () => true, lostPart: 3 });
    expect(got.out).toBe(one.out);
    expect(got.err).toBe(one.err);
  });

  test('a file replaced at its path while it is read (a log rotated): the run reads the file it started on', async () => {
    const text = mixedNdjson(300, 17);
    const path = fileOf(text);
    const one = await onePass(path);
    // Another file of the same shape, byte for byte, whose events no longer match: read in the first one's place, its
    // parts would give other outcomes and no sign of it.
    const other = fileOf(text.replaceAll('"a":"a"', '"a":"b"'));
    expect(Buffer.byteLength(readFileSync(other))).toBe(Buffer.byteLength(text));
    expect(readFileSync(other, 'utf8')).not.toBe(text);
    let replaced = false;
    // When the third part is offered, another file is renamed over the path; the run keeps its descriptor of the first.
    const worker: FakeWorker = {
      offered: 0,
      takes: (index) => {
        if (index === 2 && !replaced) {
          replaced = true;
          renameSync(other, path);
        }
        return index % 2 === 0;
      },
    };
    const got = await inParts(path, 2000, worker);
    expect(replaced).toBe(true);
    expect(got.out).toBe(one.out);
    expect(got.err).toBe(one.err);
  });

  test('several files, one after the other: in parts, in one pass (an array, an empty file), or missing', async () => {
    const files = [
      fileOf(mixedNdjson(200, 21)),
      fileOf(`[${generateProcessEvents(50, 22).map((e) => JSON.stringify({ ...e, a: 'a' })).join(',\n')}]\n`),
      fileOf(''),
      join(dir, 'missing.json'),
      fileOf(generateProcessEvents(60, 23).map((e) => JSON.stringify({ ...e, a: 'a' }, null, 2)).join('\n')),
      fileOf(mixedNdjson(200, 24)),
    ];
    const one = await onePass(...files);
    expect(one.err).toContain('io/read-failed');
    for (const bytes of [1, 700, 5000]) {
      const got = await inParts(files, bytes, { offered: 0, takes: everyOther });
      expect(got.out).toBe(one.out);
      expect(got.err).toBe(one.err);
    }
    // A part that changes the rule set in the first file: the rest of the run is read here in one pass.
    const worker: FakeWorker = { offered: 0, takes: () => true, poisoned: 2 };
    const poisoned = await inParts(files, 700, worker);
    expect(poisoned.out).toBe(one.out);
    expect(poisoned.err).toBe(one.err);
    expect(worker.offered).toBe(3);
  });

  test('property: any text of objects, any part size', async () => {
    await fc.assert(
      fc.asyncProperty(eventText, fc.integer({ min: 1, max: 120 }), fc.boolean(), async (text, bytes, mixed) => {
        const path = fileOf(text);
        const fd = openSync(path, 'r');
        const eligible = opensWithObject(fd);
        closeSync(fd);
        fc.pre(eligible);
        const one = await onePass(path);
        const got = await inParts(path, bytes, { offered: 0, takes: mixed ? everyOther : () => true });
        expect(got.err).toBe(one.err);
        expect(got.out).toBe(one.out);
      }),
      { numRuns: 300 },
    );
  });
});

/** Texts, and whether a file or stream of each is read in parts: its first character past blanks and a mark is `{`. */
const OPENING_CASES: readonly (readonly [string, boolean])[] = [
  ['{"a":1}\n', true],
  ['\ufeff  \r\n{"a":1}', true],
  [`${' '.repeat(70_000)}{"a":1}`, true],
  ['[{"a":1}]', false],
  ['garbage\n{"a":1}', false],
  ['', false],
  ['   \n', false],
];

/**
 * A stream of `text` in pieces of `sizes` bytes in turn, each a view of one buffer that the next piece overwrites (as
 * a file read into a reused buffer is); or, when `strings`, as text (a library's own io), each piece taken on to a
 * character's start. `failAfter`: the stream fails after that many pieces, as a read that fails does.
 */
async function* piecesOfText(text: string, sizes: readonly number[], strings = false, failAfter?: number): AsyncGenerator<string | Uint8Array, void, undefined> {
  const bytes = Buffer.from(text, 'utf8');
  const shared = Buffer.alloc(Math.max(...sizes));
  let n = 0;
  for (let at = 0, k = 0; at < bytes.length; k++) {
    if (n === failAfter) throw new Error('the stream broke');
    let end = Math.min(bytes.length, at + sizes[k % sizes.length]!);
    n++;
    if (strings) {
      while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end++;
      yield bytes.subarray(at, end).toString('utf8');
    } else {
      const piece = bytes.subarray(at, end);
      piece.copy(shared);
      yield shared.subarray(0, piece.length);
      shared.fill(0x21);
    }
    at = end;
  }
  if (n === failAfter) throw new Error('the stream broke');
}

/** One pass over the stream (named as streamInParts names it). */
const onePassOver = (source: AsyncIterable<string | Uint8Array>): Promise<{ out: string; err: string }> => onePassOf([{ name: 'events', pieces: source }]);

/** The stream read in parts of `partBytes`; the worker's pool starts once `startAt` bytes are read (if given). */
async function streamInParts(source: AsyncIterable<string | Uint8Array>, partBytes: number, worker: FakeWorker, startAt?: number): Promise<{ out: string; err: string; parts: number; byWorkers: number }> {
  const io = memoryIo();
  const set = ruleSet();
  const report = new MatchReport(io, colorsFor(io.stderr, io, true), new Map());
  const poolOf = (): StreamPool<PartJob, PartResult> => (worker.slow ? slowPool(fakePool(worker)) : fakePool(worker));
  const pool = startAt === undefined ? { pool: poolOf() } : { startPool: poolOf, startAt };
  const parts = new EventParts({ report, set, stream: set.stream(), flatten: false, ...pool, recompile: ruleSet, threads: 2, partBytes });
  await parts.runStream('events', source);
  parts.close();
  return { out: io.out(), err: io.err(), parts: parts.parts, byWorkers: parts.partsByWorkers };
}

describe('a stream read in parts as it comes in writes what one pass writes', () => {
  test('NDJSON with junk, broken lines, CRLF and a byte order mark, in parts and pieces of many sizes', async () => {
    const text = mixedNdjson(600, 31);
    const one = await onePassOver(piecesOfText(text, [65536]));
    expect(one.out.split('\n').length).toBeGreaterThan(100);
    expect(one.err).toContain('eval/invalid-event');
    for (const [bytes, sizes] of [
      [1, [1, 2, 3]],
      [100, [7]],
      [4096, [4096, 1]],
      [50_000, [65536]],
      [1 << 20, [65536, 999]],
    ] as const) {
      const worker: FakeWorker = { offered: 0, takes: everyOther };
      const got = await streamInParts(piecesOfText(text, sizes), bytes, worker);
      expect(got.out).toBe(one.out);
      expect(got.err).toBe(one.err);
      const fromText = await streamInParts(piecesOfText(text, sizes, true), bytes, { offered: 0, takes: everyOther });
      expect(fromText.out).toBe(one.out);
      expect(fromText.err).toBe(one.err);
      expect(got.out).toBe(one.out);
      expect(got.err).toBe(one.err);
      if (bytes <= 4096) expect(got.byWorkers).toBeGreaterThan(10);
    }
  });

  test('pretty-printed objects, parts that end inside a value, a top-level array', async () => {
    const pretty = generateProcessEvents(100, 9).map((e) => JSON.stringify({ Event: { EventData: e }, a: 'a' }, null, 2));
    const inside = ['{"a": "a1",', '"b":', '{"c": 1}}', '[', '{"a": "a2"},', '{"a": "a3"}', ']'];
    const after = generateProcessEvents(100, 4).map((e) => JSON.stringify({ ...e, a: 'a' }));
    for (const text of [`${pretty.join('\n')}\n`, [...pretty, ...inside, ...after].join('\n'), `[${after.join(',\n')}]`]) {
      const one = await onePassOver(piecesOfText(text, [65536]));
      for (const bytes of [1, 300, 2000]) {
        const got = await streamInParts(piecesOfText(text, [37, 4096]), bytes, { offered: 0, takes: everyOther });
        expect(got.out).toBe(one.out);
        expect(got.err).toBe(one.err);
      }
    }
  });

  test('a part whose outcome changes the rule set, and a part lost with its worker', async () => {
    const text = mixedNdjson(300, 8);
    const one = await onePassOver(piecesOfText(text, [65536]));
    const poisoned: FakeWorker = { offered: 0, takes: everyOther, poisoned: 4 };
    const got = await streamInParts(piecesOfText(text, [1000]), 3000, poisoned);
    expect(poisoned.offered).toBe(3);
    expect(got.out).toBe(one.out);
    expect(got.err).toBe(one.err);
    const lost = await streamInParts(piecesOfText(text, [1000]), 3000, { offered: 0, takes: () => true, lostPart: 3 });
    expect(lost.out).toBe(one.out);
    expect(lost.err).toBe(one.err);
    // Beside a worker that answers late, parts wait unwritten while later ones are read: their bytes must be kept.
    for (const worker of [
      { offered: 0, takes: () => true, poisoned: 6, slow: true },
      { offered: 0, takes: () => true, lostPart: 5, slow: true },
    ]) {
      const late = await streamInParts(piecesOfText(text, [1000]), 1000, worker);
      expect(late.out).toBe(one.out);
      expect(late.err).toBe(one.err);
    }
  });

  test('a stream that fails: what was read before the failure, then the failure, as one pass gives', async () => {
    const text = mixedNdjson(300, 14);
    for (const failAfter of [0, 1, 5, 40]) {
      const one = await onePassOver(piecesOfText(text, [1000], false, failAfter));
      expect(one.err).toContain('the stream broke');
      for (const bytes of [1, 3000]) {
        const got = await streamInParts(piecesOfText(text, [1000], false, failAfter), bytes, { offered: 0, takes: everyOther });
        expect(got.out).toBe(one.out);
        expect(got.err).toBe(one.err);
      }
    }
  });

  test('the workers start once the stream has passed `startAt` bytes', async () => {
    const text = mixedNdjson(300, 15);
    const one = await onePassOver(piecesOfText(text, [65536]));
    const worker: FakeWorker = { offered: 0, takes: () => true };
    const late = await streamInParts(piecesOfText(text, [1000]), 2000, worker, Math.floor(Buffer.byteLength(text) / 2));
    expect(late.out).toBe(one.out);
    expect(late.err).toBe(one.err);
    // About half the parts were matched here before the pool started; the worker took every one after.
    expect(worker.offered).toBeGreaterThan(late.parts / 3);
    expect(worker.offered).toBeLessThan((2 * late.parts) / 3);
    const never: FakeWorker = { offered: 0, takes: () => true };
    expect((await streamInParts(piecesOfText(text, [1000]), 2000, never, 1e9)).out).toBe(one.out);
    expect(never.offered).toBe(0);
  });

  test('property: any text, any part and piece sizes', async () => {
    await fc.assert(
      fc.asyncProperty(eventText, fc.integer({ min: 1, max: 120 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 4 }), fc.boolean(), async (text, bytes, sizes, strings) => {
        const one = await onePassOver(piecesOfText(text, [65536], strings));
        const got = await streamInParts(piecesOfText(text, sizes, strings), bytes, { offered: 0, takes: strings ? everyOther : () => true, slow: bytes % 2 === 0 });
        expect(got.err).toBe(one.err);
        expect(got.out).toBe(one.out);
      }),
      { numRuns: 300 },
    );
  });
});

describe('whether a stream opens with an object', () => {
  const collect = async (source: AsyncIterable<string | Uint8Array>): Promise<string> => {
    const bytes: Buffer[] = [];
    for await (const piece of source) bytes.push(Buffer.from(typeof piece === 'string' ? Buffer.from(piece) : piece));
    return Buffer.concat(bytes).toString('utf8');
  };

  test('its first character past blanks and a byte order mark, split anyhow; the stream again from its first byte', async () => {
    for (const [text, expected] of OPENING_CASES) {
      for (const sizes of [[1], [2, 5], [65536]]) {
        const peeked = await streamOpensWithObject(piecesOfText(text, sizes));
        expect(peeked.opens, `${JSON.stringify(text.slice(0, 12))} ${sizes}`).toBe(expected);
        expect(await collect(peeked.source)).toBe(text);
      }
      const asText = await streamOpensWithObject(
        (async function* () {
          yield text;
        })(),
      );
      expect(asText.opens).toBe(expected);
    }
  });

  test('a stream that fails is replayed up to its failure', async () => {
    const peeked = await streamOpensWithObject(piecesOfText('   \n\n{"a":1}', [2], false, 2));
    expect(peeked.opens).toBe(false);
    await expect(collect(peeked.source)).rejects.toThrow('the stream broke');
  });
});

describe('where a stream is cut', () => {
  test('at the first `{` after a line break at or after a position, across the chunk before', () => {
    const chunk = Buffer.from('{"a":1}\n{"b":2}\n  {"c":3}\n{"d":4}');
    expect(cutIn(chunk, 0, 10)).toBe(0);
    expect(cutIn(chunk, 0, -1)).toBe(chunk.indexOf('{"b"'));
    expect(cutIn(chunk, 1, 10)).toBe(chunk.indexOf('{"b"'));
    expect(cutIn(chunk, chunk.indexOf('{"b"'), 10)).toBe(chunk.indexOf('{"b"'));
    expect(cutIn(chunk, chunk.indexOf('{"b"') + 1, 10)).toBe(chunk.indexOf('{"d"'));
    expect(cutIn(chunk, chunk.indexOf('{"d"') + 1, 10)).toBe(-1);
    expect(cutIn(chunk, chunk.length, 10)).toBe(-1);
  });
});

describe('where a file is cut', () => {
  test('after a line break, at a line that opens an object; the end when there is none', () => {
    const text = 'x\n  {"a":1}\n{"b":2}\n' + 'y'.repeat(70_000) + '\n{"c":3}';
    const path = fileOf(text);
    const fd = openSync(path, 'r');
    try {
      const size = Buffer.byteLength(text);
      expect(nextCut(fd, 0, size)).toBe(text.indexOf('{"b"'));
      expect(nextCut(fd, text.indexOf('{"b"'), size)).toBe(text.indexOf('{"b"'));
      // Past a 64 KB window with no line break in it.
      expect(nextCut(fd, text.indexOf('{"b"') + 1, size)).toBe(text.indexOf('{"c"'));
      expect(nextCut(fd, text.indexOf('{"c"') + 1, size)).toBe(size);
    } finally {
      closeSync(fd);
    }
  });

  test('a `\\n{` across two windows is found', () => {
    const text = `${'z'.repeat((64 << 10) - 1)}\n{"a":1}\n`;
    const path = fileOf(text);
    const fd = openSync(path, 'r');
    try {
      expect(nextCut(fd, 1, Buffer.byteLength(text))).toBe(64 << 10);
    } finally {
      closeSync(fd);
    }
  });

  test('only a file whose first character opens an object is read in parts', () => {
    for (const [text, expected] of OPENING_CASES) {
      const fd = openSync(fileOf(text), 'r');
      try {
        expect(opensWithObject(fd), JSON.stringify(text.slice(0, 20))).toBe(expected);
      } finally {
        closeSync(fd);
      }
    }
  });
});

describe('readEventPart', () => {
  test('hands items on in the order of the text and says where the part ends', () => {
    const items: ReadItem[] = [];
    const end = readEventPart(['{"a":1}\ngarb', 'age\n{"b":', '2}\n{"c":'], 'f', false, (i) => items.push(i));
    expect(items.map((i) => (i.event ? `e${i.event.line}` : `d${i.diagnostic!.line}`))).toEqual(['e1', 'd2', 'e3']);
    expect(end).toEqual({ lineBreaks: 3, endsInValue: true });
    const last: ReadItem[] = [];
    expect(readEventPart(['{"c":'], 'f', true, (i) => last.push(i))).toEqual({ lineBreaks: 0, endsInValue: false });
    expect(last[0]!.diagnostic!.message).toContain('unterminated');
  });
});
