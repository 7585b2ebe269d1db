// Queries Kusto would reject (or that can never behave as written) throw KqlError('semantic'); text that is not KQL
// throws 'syntax'; KQL outside the supported subset throws 'unsupported'. Never a guess, never a crash.
import { describe, expect, it } from 'vitest';
import { KqlError, compileKql, runKql } from '../src/kql/index.js';
import type { KqlTable } from '../src/types.js';

const T: KqlTable = {
  name: 'T',
  columns: { S: 'string', L: 'long', I: 'int', R: 'real', B: 'bool', D: 'datetime', Y: 'dynamic', AdditionalFields: 'string', G: 'guid' },
  rows: [{ S: 'x', L: 1, I: 2, R: 1.5, B: true, D: new Date(0), Y: { a: 1 }, AdditionalFields: '{"PipeName":"p"}', G: '00000000-0000-0000-0000-000000000001' }],
};

function kindOf(query: string, tables: Record<string, KqlTable> = { T }): string {
  try {
    runKql(query, tables);
    return 'ok';
  } catch (e) {
    if (e instanceof KqlError) return e.kind;
    throw e;
  }
}

describe('semantic errors', () => {
  const cases: readonly [string, string][] = [
    ['unknown table', 'Nope | where S == "x"'],
    ['unknown column', 'T | where Nope == "x"'],
    ['a long column compared with a string literal', 'T | where L == "3"'],
    ['an int column compared with a string literal', 'T | where I == "3"'],
    ['a long column in a list of strings (hex logon id)', 'T | where L in ("0x3e7")'],
    ['a string column in a list of numbers', 'T | where S in (1, 2)'],
    ['a string column compared with a number', 'T | where S == 3'],
    ['a bool column compared with a string', 'T | where B == "true"'],
    ['a datetime compared with a string', 'T | where D > "2020-01-01"'],
    ['member access on a string column (AdditionalFields is documented as string)', 'T | where tostring(AdditionalFields.PipeName) == "p"'],
    ['bracket member access on a string column', 'T | where tostring(S["a"]) == ""'],
    ['member access on a long column', 'T | where tostring(L.a) == ""'],
    ['a string operator on a long column', 'T | where L contains "3"'],
    ['has on a datetime', 'T | where D has "2020"'],
    ['=~ on a long', 'T | where L =~ "3"'],
    ['in~ on a long', 'T | where L in~ ("1")'],
    ['matches regex on a long', 'T | where L matches regex "1"'],
    ['between on strings', 'T | where S between (1 .. 2)'],
    ['a where predicate that is not bool', 'T | where S'],
    ['and over a string', 'T | where S and B'],
    ['strlen of a long', 'T | where strlen(L) > 1'],
    ['iff branches of different types', 'T | extend x = iff(B, 1, "a")'],
    ['an aggregate outside summarize', 'T | where count() > 1'],
    ['wrong arity', 'T | where isempty(S, S)'],
    ['an invalid RE2 pattern (lookahead)', 'T | where S matches regex "a(?=b)"'],
    ['project-rename of an unknown column', 'T | project-rename X = Nope'],
    ['mv-apply over a string column', 'T | mv-apply x = S on (summarize count())'],
    ['join on columns of different types', 'T | join (T | project L2 = L, S2 = S) on $left.S == $right.L2'],
  ];
  it.each(cases)('%s', (_, q) => {
    expect(kindOf(q)).toBe('semantic');
  });

  it('the error says where and why', () => {
    try {
      runKql('T\n| where L == "3"', { T });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KqlError);
      const err = e as KqlError;
      expect(err.kind).toBe('semantic');
      expect(err.offset).toBe(12);
      expect(err.message).toContain('cannot compare long with string');
    }
  });

  it('the same comparisons written with matching types are fine', () => {
    for (const q of ['T | where L == 3', 'T | where tostring(L) == "3"', 'T | where L in (999)', 'T | where tostring(parse_json(AdditionalFields).PipeName) == "p"', 'T | where Y.a == 1', 'T | where tostring(Y.a) == "1"', 'T | where I == 2.0', 'T | where G == "00000000-0000-0000-0000-000000000001"']) {
      expect(kindOf(q), q).toBe('ok');
    }
  });

  it('rows must hold values of their documented column types', () => {
    const bad: KqlTable = { ...T, rows: [{ L: '5' }] };
    expect(kindOf('T | count', { T: bad })).toBe('semantic');
    const extra: KqlTable = { ...T, rows: [{ Nope: 1 }] };
    expect(kindOf('T | count', { T: extra })).toBe('semantic');
  });
});

describe('syntax errors', () => {
  const cases: readonly [string, string][] = [
    ['unterminated string', 'T | where S == "x'],
    ['an invalid escape in a regular literal', 'T | where S == "a\\.b"'],
    ['a dangling operator', 'T | where S =='],
    ['an unknown tabular operator', 'T | frobnicate'],
    ['missing parenthesis', 'T | where (S == "x"'],
    ['a bad datetime literal', 'T | where D > datetime(yesterday)'],
    ['no query statement', 'let x = 1;'],
    ['a line break in a verbatim literal', 'T | where S == @"a\nb"'],
  ];
  it.each(cases)('%s', (_, q) => {
    expect(kindOf(q)).toBe('syntax');
  });

  it('syntax errors surface at compile time, before any table is given', () => {
    expect(() => compileKql('T | where (')).toThrow(KqlError);
  });
});

describe('outside the supported subset: unsupported, never guessed', () => {
  const cases: readonly [string, string][] = [
    ['parse operator', 'T | parse S with a "-" b'],
    ['render', 'T | render table'],
    ['an unknown function', 'T | where base64_decode_tostring(S) == "x"'],
    ['make-series', 'T | make-series count() on D step 1h'],
    ['evaluate plugins', 'T | evaluate bag_unpack(Y)'],
    ['union with a wildcard', 'union T*'],
    ['a negated operator on all columns', 'T | where * !contains "x"'],
    ['join kind=fullouter', 'T | join kind=fullouter (T) on S'],
    ['a bare null literal', 'T | where isnull(null)'],
  ];
  it.each(cases)('%s', (_, q) => {
    expect(kindOf(q)).toBe('unsupported');
  });
});

describe('bad input never crashes or hangs', () => {
  // A small fuzz: every prefix of a long emitted query either runs or throws a KqlError.
  const q =
    'union\n(T\n| where S has_any ("a", "b") and not(L in (1, 2)) and D between (datetime(2020-01-01) .. 1d)\n| extend k = iff(isempty(S), "", strcat(S, @"\\", tostring(Y["a"]))), sigma_rule = "a"),\n(T | mv-apply e = Y on (summarize b = make_bag(bag_pack("k", e)))\n| extend sigma_rule = "b")\n| summarize c = dcount(sigma_rule) by bin(D, 1h), S\n| where c >= 2';
  it('every prefix of a query', () => {
    for (let i = 0; i <= q.length; i++) {
      const k = kindOf(q.slice(0, i));
      expect(['ok', 'syntax', 'semantic', 'unsupported']).toContain(k);
    }
  });
});
