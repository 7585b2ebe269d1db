import { describe, expect, it } from 'vitest';
import { validateCseExpression, validateSumoQuery } from '../src/lint/validate.js';
import { validateCseExpression as cseBefore, validateSumoQuery as sumoBefore } from './reference/validate-before.js';

/**
 * The linter's cold-run rewrites (precedence levels reading tokens in place, fields set in the constructor, indexed
 * loops) against the linter before them (test/reference/validate-before.ts): the same problems, in the same order,
 * for valid queries and for queries broken by random edits, with every option set.
 */

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEARCH = [
  '(_sourceCategory=a/b OR x*y) AND "k w"\n| json field=_raw "a.b", "c" as a, c nodrop\n| where toLowerCase(a) in ("x", "y") and !(c matches /(?i)^a\\x5cb$/)\n| fields a, c\n| sort by _messageTime desc',
  '// assumes: JSON\n*\n| json field=_raw "EventData.Image", "EventID" as Image, EventID nodrop\n| where EventID = "1"\n| where (toLowerCase(Image) matches "*\\\\x.exe" or Image matches /(?is)^.*\\x5cy\\.exe$/) and not isNull(Image)\n| sort by _messageTime desc',
  '* | timeslice 5m | if(num(x) > 5, 1, 0) as big | count as n, count_distinct(u) as d by _timeslice, big | where n >= 3 | sort by n desc',
  '* | parse regex "(?<user>\\w+)@(?<host>[^ ]+)" nodrop | where user = "a" && -num(host) + 1 <= 2 || %"odd name" != "b"',
  '* | keyvalue infer "k1", "k2" | where compareCIDRPrefix("10.0.0.0", k1, "8") and k2 not in ("a", "b")',
  'x | where a in () | eval y = 1 | sort by _time | where a matches "(?i)x" | frob a',
  '_index=i AND (a OR NOT b) | json auto | where isEmpty(x) or !isNull(y) | fields - x',
];

const CSE = [
  "metadata_vendor = 'Microsoft' and (lower(fields['EventData.X']) = 'a' or baseImage matches /(?is)^.*\\x5cx$/)",
  "(metadata_vendor = 'M' and metadata_deviceEventId = 'Security-4688') and (lower(commandLine) = 'a b' or !isNull(parentBaseImage)) or x = 5",
  "a matches /.*\"a\\\"b\".*/ and not (b = 'c' or c in ('d', 'e')) and -x + 2 > 3",
  "a = 'b' | where x",
];

/** Random edits: drop, repeat or swap a span, or insert a token-ish piece. */
const PIECES = [' ', '(', ')', ',', '|', '"', "'", '/', '\\', 'and', ' or ', 'not ', '!', '=', ' in ', 'matches', ' as ', '%"f"', '[', ']', '\n', '//', 'x', '5', '-', '&&', '||', '$', 'as x', ' by a'];

function mutate(text: string, next: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let k = 0; k < edits; k++) {
    const i = Math.floor(next() * (s.length + 1));
    const j = Math.min(s.length, i + Math.floor(next() * 6));
    const r = next();
    if (r < 0.35) s = s.slice(0, i) + s.slice(j);
    else if (r < 0.7) s = s.slice(0, i) + PIECES[Math.floor(next() * PIECES.length)]! + s.slice(i);
    else if (r < 0.85) s = s.slice(0, i) + s.slice(i, j) + s.slice(i, j) + s.slice(j);
    else {
      const a = Math.floor(next() * s.length);
      s = s.slice(0, i) + s.slice(a, a + 4) + s.slice(i);
    }
  }
  return s;
}

describe('linter against its previous version', () => {
  it('log search queries: the same problems', () => {
    const next = rng(11);
    for (const q of SEARCH) {
      for (const opts of [{}, { re2: false }, { declaredFields: true }, { re2: false, declaredFields: true }]) {
        expect(validateSumoQuery(q, opts)).toEqual(sumoBefore(q, opts));
        for (let k = 0; k < 1500; k++) {
          const m = mutate(q, next);
          expect(validateSumoQuery(m, opts), JSON.stringify(m)).toEqual(sumoBefore(m, opts));
        }
      }
    }
  });

  it('CSE expressions: the same problems', () => {
    const next = rng(12);
    for (const q of CSE) {
      for (const opts of [{}, { re2: false }]) {
        expect(validateCseExpression(q, opts)).toEqual(cseBefore(q, opts));
        for (let k = 0; k < 3000; k++) {
          const m = mutate(q, next);
          expect(validateCseExpression(m, opts), JSON.stringify(m)).toEqual(cseBefore(m, opts));
        }
      }
    }
  });
});
