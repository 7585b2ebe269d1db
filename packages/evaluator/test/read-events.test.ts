import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventSplitter, readEvents, type EventRecord, type ReadItem } from '../src/index.js';
import type { Diagnostic } from '@sigmats/core';
import { eventText as text } from './event-texts.js';

const PRETTY = `{
  "Event": {
    "System": { "EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational" },
    "EventData": { "Image": "C:\\\\Windows\\\\System32\\\\cmd.exe", "CommandLine": "cmd /c \\"echo {}\\"" }
  }
}
{
  "Event": {
    "System": { "EventID": 3 }
  }
}
`;

describe('readEvents', () => {
  it('reads NDJSON', () => {
    const r = readEvents('{"a":1}\n{"a":2}\n\n{"a":3}\n');
    expect(r.events).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(r.lines).toEqual([1, 2, 4]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reads concatenated pretty-printed objects (evtx_dump), braces inside strings included', () => {
    const r = readEvents(PRETTY);
    expect(r.events).toHaveLength(2);
    expect((r.events[0] as { Event: { EventData: { CommandLine: string } } }).Event.EventData.CommandLine).toBe('cmd /c "echo {}"');
    expect(r.lines).toEqual([1, 7]);
  });

  it('reads a top-level array and objects separated by commas; skips a BOM', () => {
    expect(readEvents('\ufeff[{"a":1},{"a":2}]').events).toEqual([{ a: 1 }, { a: 2 }]);
    expect(readEvents('{"a":1},\n{"a":2}').events).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reports bad input with a location and keeps going', () => {
    const r = readEvents('garbage here\n{"a":1}\n{"b": tru}\n{"c":3}\n', 'ev.json');
    expect(r.events).toEqual([{ a: 1 }, { c: 3 }]);
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['eval/invalid-event', 'ev.json', 1],
      ['eval/invalid-event', 'ev.json', 3],
    ]);
  });

  it('recovers from a truncated object when the next one starts in column 1', () => {
    const r = readEvents('{\n  "a": {\n    "b": 1\n{\n  "c": 2\n}\n');
    expect(r.events).toEqual([{ c: 2 }]);
    expect(r.diagnostics.map((d) => d.line)).toEqual([1]);
  });

  it('recovers from an unterminated string (raw newline)', () => {
    const r = readEvents('{"a": "oops\n}\n{"b": 1}\n');
    expect(r.events).toEqual([{ b: 1 }]);
    expect(r.diagnostics).toHaveLength(1);
  });

  it('reports an unterminated value at the end, and non-object values', () => {
    expect(readEvents('{"a": [1, 2').diagnostics.map((d) => d.message)).toEqual(['unterminated JSON value at end of input']);
    expect(readEvents('[1, {"a": 1}]').diagnostics.map((d) => d.message)).toEqual(['an event must be a JSON object']);
  });

  it('streams: chunk boundaries anywhere give the same events', async () => {
    const text = `${PRETTY}{"x": "\\u00e9\\"}"}\n{"y": "é ü 😀"}\n`;
    const expected = readEvents(text).events;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: text.length }), { maxLength: 6 }), async (cuts) => {
        const bytes = new TextEncoder().encode(text);
        const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let prev = 0;
        for (const p of [...points, bytes.length]) {
          chunks.push(bytes.slice(prev, p));
          prev = p;
        }
        const got: EventRecord[] = [];
        for await (const item of readEvents(chunks)) if (item.event) got.push(item.event);
        expect(got.map((g) => g.event)).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), (s) => {
        const r = readEvents(s);
        for (const e of r.events) expect(typeof e).toBe('object');
      }),
      { numRuns: 500 },
    );
  });

  describe('whole lines read without the character walk', () => {
    /** Events (with lines) and diagnostics (code, message, line, column) of `chunks` read by one splitter. */
    const read = (chunks: readonly string[], wholeLines: boolean) => {
      const splitter = new EventSplitter('ev.json', wholeLines);
      const out: EventRecord[] = [];
      const diagnostics: Diagnostic[] = [];
      for (const c of chunks) splitter.push(c, out, diagnostics);
      splitter.end(diagnostics);
      return { out, diagnostics: diagnostics.map((d) => [d.code, d.message, d.line, d.column]) };
    };
    it('gives the walk\'s events, lines and diagnostics for any text, in one piece or in chunks', () => {
      fc.assert(
        fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), (t, cuts) => {
          const reference = read([t], false);
          expect(read([t], true)).toEqual(reference);
          const points = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
          const chunks = [...points, t.length].map((p, k, all) => t.slice(k === 0 ? 0 : all[k - 1], p));
          expect(read(chunks, true)).toEqual(reference);
          expect(read(chunks, false)).toEqual(reference);
        }),
        { numRuns: 1000 },
      );
    });

    it('takes an NDJSON line whole, and leaves the others to the walk', () => {
      const r = read(['{"a":"}{"}\r\n  {"b":[1,{"c":2}]}  \n{"d":1},\n{\n  "e": 1\n}\n{"f":1}{"g":2}\n'], true);
      expect(r.out).toEqual([
        { event: { a: '}{' }, line: 1 },
        { event: { b: [1, { c: 2 }] }, line: 2 },
        { event: { d: 1 }, line: 3 },
        { event: { e: 1 }, line: 4 },
        { event: { f: 1 }, line: 7 },
        { event: { g: 2 }, line: 7 },
      ]);
      expect(r.diagnostics).toEqual([]);
    });
  });
});

/** Items as compared: an event with its line, a diagnostic with its code, message, line and column. */
const shape = (items: readonly ReadItem[]) => items.map((i) => (i.event ? ['event', i.event.line, i.event.event] : ['diagnostic', i.diagnostic.code, i.diagnostic.message, i.diagnostic.line, i.diagnostic.column]));

/** One pass over the file, in pieces of `pieces` bytes. */
async function onePass(bytes: Uint8Array, pieces = bytes.length + 1): Promise<ReadItem[]> {
  const chunks: Uint8Array[] = [];
  for (let k = 0; k < bytes.length; k += pieces) chunks.push(bytes.subarray(k, k + pieces));
  const items: ReadItem[] = [];
  for await (const item of readEvents(chunks, 'ev.json')) items.push(item);
  return items;
}

/** JSON.parse's message for `text`. */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} parses`);
}

describe('readEvents over a stream', () => {
  it('gives events and diagnostics in the order of the text, whatever the pieces', async () => {
    const bytes = new TextEncoder().encode('garbage\n{"a":1}\n{"b": tru}\n{"c":3}\n[1]\n{"d":');
    const expected = [
      ['diagnostic', 'eval/invalid-event', 'text outside any JSON object is skipped', 1, 1],
      ['event', 2, { a: 1 }],
      ['diagnostic', 'eval/invalid-event', `invalid JSON: ${parseError('{"b": tru}')}`, 3, 1],
      ['event', 4, { c: 3 }],
      ['diagnostic', 'eval/invalid-event', 'an event must be a JSON object', 5, 1],
      ['diagnostic', 'eval/invalid-event', 'unterminated JSON value at end of input', 6, 1],
    ];
    for (const pieces of [1, 3, 7, 64, 1000]) expect(shape(await onePass(bytes, pieces))).toEqual(expected);
  });

  it('in any pieces, gives what one piece gives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 40 }), async (t, pieces) => {
        const bytes = new TextEncoder().encode(t);
        expect(shape(await onePass(bytes, pieces))).toEqual(shape(await onePass(bytes)));
      }),
      { numRuns: 500 },
    );
  });

  it('skips a byte order mark at the start of the text, even after an empty first piece', async () => {
    const items: ReadItem[] = [];
    for await (const item of readEvents([new Uint8Array(0), '\ufeff{"a":1}\n'], 'ev.json')) items.push(item);
    expect(shape(items)).toEqual([['event', 1, { a: 1 }]]);
  });
});
