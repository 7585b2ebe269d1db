import { it } from 'vitest';
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { requiredLiterals } from '../src/regex-literals.js';
it('find', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const r = fc.check(
      fc.property(
        fc.stringMatching(/^[abc|()*+?.i{}0-2,:\\\-\[\]^$xpL]{1,10}$/),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'i', '{', '}', '1', '-', ':', '\n', '\\', '[', ']', '^', '$', 'x', 'L'), maxLength: 12 }),
        fc.boolean(),
        (src, text, ci) => {
          let rx: RE2JS;
          try { rx = RE2JS.compile(src, ci ? RE2JS.CASE_INSENSITIVE : 0); } catch { return true; }
          const lits = requiredLiterals(src, ci);
          if (lits && rx.test(text)) return lits.some((l) => text.toLowerCase().includes(l.toLowerCase()));
          return true;
        },
      ),
      { numRuns: 50000, seed },
    );
    if (r.failed) { console.log('FAIL', JSON.stringify(r.counterexample)); break; }
  }
});
