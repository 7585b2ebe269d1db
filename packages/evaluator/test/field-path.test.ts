import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveField } from '../src/event.js';
import { FieldPath, resolvePath } from '../src/field-path.js';

/** field-path.ts: the walk with split points computed once gives what resolveField gives. */
describe('resolvePath = resolveField', () => {
  // Few names, with dots, so that exact keys, splits and nested arrays meet often.
  const key = fc.constantFrom('a', 'b', 'a.b', 'b.a', '.a', 'a.', '#text', 'a..b');
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(1, 'x', null, true),
      fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      fc.array(tie('node'), { maxLength: 3 }),
    ),
  })).node;
  const path = fc.array(fc.constantFrom('a', 'b', '#text', ''), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));

  it('on random nested events and paths, both lookups', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), path, fc.constantFrom('exact', 'exact-then-path' as const), (event, p, lookup) => {
        const compiled = new FieldPath(p);
        expect(resolvePath(event, compiled, lookup)).toEqual(resolveField(event, p, lookup));
        // Splits are computed once and reused.
        expect(resolvePath(event, compiled, lookup)).toEqual(resolveField(event, p, lookup));
      }),
      { numRuns: 5000 },
    );
  });

  it('resolves the Windows header paths', () => {
    const ev = { Event: { System: { Channel: 'Security', EventID: { '#text': '4688' } } } };
    expect(resolvePath(ev, new FieldPath('Event.System.EventID.#text'), 'exact-then-path')).toBe('4688');
    expect(resolvePath({ 'Event.System': { Channel: 'x' } }, new FieldPath('Event.System.Channel'), 'exact-then-path')).toBe('x');
  });
});
