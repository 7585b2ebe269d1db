import fc from 'fast-check';
import { loadCollection } from '@sigmats/core';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, EventView, FieldRegistry, generateProcessEvents, MISSING, resolveField, windowsLogsource } from '../src/index.js';
import { MAX_SHAPES, ShapeCache } from '../src/event-shape.js';

/**
 * Lookups by position (event-shape.ts) and the reused view of `match` must answer as lookups by name on a fresh view:
 * each is compared with that plain path on events built to break them (inherited and non-enumerable properties, key
 * orders that change, getters, dotted names).
 */

const NAMES = ['a', 'b', 'c', 'a.b', 'x.y', 'toString', '__proto__', 'd'];

/** Objects whose own keys, order, prototype, enumerability and accessors vary. */
const eventArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    entries: fc.array(fc.tuple(fc.constantFrom(...NAMES, 'e', 'f'), fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.constant(undefined), fc.constant({ b: 'nested', y: 1 }))), { maxLength: 7 }),
    proto: fc.constantFrom('object', 'null', 'inherited'),
    hidden: fc.option(fc.constantFrom(...NAMES)),
    getter: fc.option(fc.constantFrom(...NAMES)),
  })
  .map(({ entries, proto, hidden, getter }) => {
    const base = proto === 'null' ? null : proto === 'inherited' ? { c: 'inherited c', b: 'inherited b' } : Object.prototype;
    const o = Object.create(base) as Record<string, unknown>;
    for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
    if (hidden !== null) Object.defineProperty(o, hidden, { value: 'hidden', enumerable: false, configurable: true });
    if (getter !== null) Object.defineProperty(o, getter, { get: () => 'got', enumerable: true, configurable: true });
    return o;
  });

describe('field lookups by position = lookups by name', () => {
  it('on random events, one shape cache over the whole sequence', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (events, reuse) => {
        const reg = new FieldRegistry();
        for (const n of NAMES.slice(0, 4)) reg.id(n);
        const shapes = new ShapeCache(reg);
        let shared: EventView | undefined;
        for (const e of events) {
          let v: EventView;
          if (reuse && shared !== undefined) {
            v = shared;
            v.load(e);
          } else v = shared = new EventView(e, 'exact-then-path', undefined, reg, shapes);
          // Names registered after the shapes were made, and ids of another registry, must still answer right.
          for (const n of NAMES) {
            expect(v.get(n, reg.id(n))).toEqual(resolveField(e, n, 'exact-then-path'));
            expect(v.text(n, true, reg.id(n))).toEqual(new EventView(e, 'exact-then-path', undefined).text(n, true));
          }
          expect(v.get('b', reg.id('a'))).toEqual(resolveField(e, 'b', 'exact-then-path'));
          expect(v.someKeywordLeaf((t) => t === 'got' || t === 'nested')).toBe(
            new EventView(e, 'exact-then-path', undefined).someKeywordLeaf((t) => t === 'got' || t === 'nested'),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a getter that throws is met where a rule reads the field, as before', () => {
    const reg = new FieldRegistry();
    const shapes = new ShapeCache(reg);
    const e = Object.defineProperty({ a: 'x' }, 'b', { get: () => { throw new Error('no'); }, enumerable: true });
    const v = new EventView(e, 'exact', undefined, reg, shapes);
    expect(v.get('a')).toBe('x');
    expect(() => v.get('b')).toThrow('no');
  });

  it('keeps the shapes of interleaved event types', () => {
    const reg = new FieldRegistry();
    reg.id('k');
    const shapes = new ShapeCache(reg);
    const out: unknown[] = [];
    const types = Array.from({ length: 20 }, (_, t) => Object.fromEntries([...Array(t + 1).keys()].map((i) => [`f${i}`, i]).concat([['k', t]])));
    for (let i = 0; i < 2_000; i++) expect(shapes.capture(types[i % types.length]!, out)).toBeDefined();
    expect(shapes.size).toBe(types.length);
  });

  it('keeps few shapes and stops making them when keys vary from event to event', () => {
    const reg = new FieldRegistry();
    reg.id('k0');
    const shapes = new ShapeCache(reg);
    const out: unknown[] = [];
    for (let i = 0; i < 5_000; i++) {
      const e = { [`k${i}`]: i, k0: 'zero' };
      const shape = shapes.capture(e, out);
      expect(shapes.size).toBeLessThanOrEqual(MAX_SHAPES);
      // Captured or not, the view answers as a lookup by name.
      expect(new EventView(e, 'exact', undefined, reg, shapes).get('k0', 0)).toBe('zero');
      if (i > 1_000) expect(shape).toBeUndefined();
    }
  });
});

describe('match with its reused view = matchView on a fresh view', () => {
  const text = `title: T
id: 0b5f3c52-7a58-4e4e-9a51-61e0b0f0d099
logsource: { product: windows, category: process_creation }
detection:
  sel:
    Image|endswith: ['\\cmd.exe', '\\powershell.exe', '\\svchost.exe', '\\chrome.exe']
  kw:
    - 'hidden'
  other:
    ParentImage|contains: 'explorer'
  condition: (sel and other) or kw
`;
  const set = compileRuleSet(loadCollection([{ text, file: 'r.yml' }]), { logsource: windowsLogsource });

  it('on the synthetic stream and on events whose keys change', () => {
    const events: Record<string, unknown>[] = generateProcessEvents(2_000, 7);
    events.push({ Image: 'c:\\cmd.exe', ParentImage: 'c:\\explorer.exe' }, { ParentImage: 'x', Image: 'y', z: 'hidden' }, {});
    for (const e of events) expect(set.match(e)).toEqual(set.matchView(new EventView(e, 'exact-then-path', undefined)));
  });

  it('a nested call (from a getter) gets a view of its own', () => {
    const inner = { Image: 'c:\\cmd.exe', ParentImage: 'c:\\explorer.exe' };
    let nested: unknown;
    const outer = Object.defineProperty({ Image: 'c:\\svchost.exe', ParentImage: 'c:\\explorer.exe' }, 'Note', {
      get: () => ((nested ??= set.match(inner)), 'hidden'),
      enumerable: true,
    });
    expect(set.match(outer).map((m) => m.identifiers)).toEqual([['sel', 'kw', 'other']]);
    expect((nested as { identifiers: string[] }[]).map((m) => m.identifiers)).toEqual([['sel', 'other']]);
  });
});

describe('windowsLogsource = the header walk', () => {
  /** The router as it was: every header path walked by name (resolveField), flat names last. */
  const field = (e: Record<string, unknown>, paths: string[]): unknown => {
    for (const p of paths) {
      const v = resolveField(e, p, 'exact-then-path');
      if (v !== MISSING && v !== null) return v;
    }
    return undefined;
  };
  const byWalk = (e: Record<string, unknown>) => {
    const channel = field(e, ['Event.System.Channel', 'Channel']);
    const eid = field(e, ['Event.System.EventID.#text', 'Event.System.EventID', 'EventID']);
    return typeof channel !== 'string' ? undefined : { ...e, Channel: channel, EventID: eid, Event: undefined };
  };

  it('on events with and without headers, inherited and odd values', () => {
    const channel = fc.constantFrom('Microsoft-Windows-Sysmon/Operational', 'microsoft-windows-sysmon/operational', 'Security', 'Windows PowerShell', 'Other', 7, null);
    const eid = fc.oneof(fc.constantFrom(1, 13, 4688, 4104, 400, '1', ' 4688', null, undefined), fc.record({ '#text': fc.constantFrom(1, '4688') }));
    const arb = fc
      .record(
        {
          Channel: channel,
          EventID: eid,
          Event: fc.record({ System: fc.record({ Channel: channel, EventID: eid }, { requiredKeys: [] }) }, { requiredKeys: [] }),
          'Event.System': fc.record({ Channel: channel }),
          'Event.System.EventID': eid,
          'Event.System.Channel': channel,
        },
        { requiredKeys: [] },
      )
      .chain((own) => fc.constantFrom(own, Object.assign(Object.create({ Channel: 'Security', EventID: 4688 }) as object, own), Object.assign(Object.create({ Event: { System: { Channel: 'Security' } } }) as object, own)));
    fc.assert(
      fc.property(arb, (e) => {
        // An id without a primitive value (an object with a null prototype) throws in Number(), either way.
        const outcome = (f: () => unknown) => {
          try {
            return { value: f() };
          } catch (err) {
            return { error: (err as Error).name };
          }
        };
        const want = byWalk(e as Record<string, unknown>);
        const got = outcome(() => windowsLogsource(e as Record<string, unknown>));
        if (want === undefined) expect(got).toEqual({ value: undefined });
        else expect(got).toEqual(outcome(() => windowsLogsource({ Channel: want.Channel, EventID: want.EventID })));
      }),
      { numRuns: 2_000 },
    );
  });
});
