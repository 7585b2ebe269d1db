import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readEvents, type EventRecord } from '../src/index.js';

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
});
