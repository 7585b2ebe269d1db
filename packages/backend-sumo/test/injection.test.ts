import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, test } from 'vitest';
import { sumo, sumoCse, tokenize, validateCseExpression, validateSumoQuery, type Token } from '../src/index.js';
import { collectionOf, ruleWith, stringValue, type Shape } from './ir.js';

/**
 * Injection safety: whatever a value holds (quotes, backslashes, slashes, pipes, newlines, brackets, unicode), the
 * emitted query tokenizes (with our own lexer) into exactly one test whose single literal/regex decodes back to
 * the value: the value never leaks out of its literal, and every output lints clean (RE2 compile included).
 */

const special = fc.constantFrom('"', "'", '\\', '/', '|', '\n', '\r', '\t', '(', ')', '[', ']', '{', '}', '*', '?', '.', '$', '^', '%', '`', '#', '=', '!', ',', ' ', 'a', 'Z', 'ß', 'İ', 'Σ', '–', '\u2028', '\u0000', '\u200b', '😀', 'é');
const valueText = fc.array(fc.oneof(special, fc.string({ unit: 'grapheme', maxLength: 3 })), { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
const shape = fc.constantFrom<Shape>('exact', 'contains', 'startswith', 'endswith', 'inner');

/** Strings the value must match, and one it must not. */
function samples(text: string, s: Shape): { yes: string[]; no: string } {
  switch (s) {
    case 'exact':
      return { yes: [text], no: `${text}~` };
    case 'contains':
      return { yes: [text, `<${text}>`, `\n${text}\n`], no: '' };
    case 'startswith':
      return { yes: [text, `${text}\n~`], no: `~${text}` };
    case 'endswith':
      return { yes: [text, `~\n${text}`], no: `${text}~` };
    case 'inner':
      return { yes: [`${text}\n${text}`, `${text}x${text}`], no: `${text}${text}` };
  }
}

function wildcard(text: string, s: Shape): string {
  return s === 'contains' ? `*${text}*` : s === 'startswith' ? `${text}*` : s === 'endswith' ? `*${text}` : text;
}

/** The tokens of the where stage that tests the value (the last `| where`). */
function whereTokens(query: string, scope: boolean): Token[] {
  const tokens = tokenize(query, { scope });
  if (!scope) return tokens;
  const starts = tokens.flatMap((t, i) => (t.kind === 'ident' && t.value === 'where' && tokens[i - 1]?.kind === 'pipe' ? [i] : []));
  const from = starts[starts.length - 1]! + 1;
  const to = tokens.findIndex((t, i) => i >= from && t.kind === 'pipe');
  return tokens.slice(from, to < 0 ? undefined : to);
}

function checkDecoded(tokens: Token[], field: string, text: string, s: Shape, cased: boolean, lower: string): void {
  const kinds = tokens.map((t) => (t.kind === 'string' || t.kind === 'regex' ? t.kind : t.value)).join(' ');
  if (text === '' && s !== 'exact' && s !== 'inner') {
    expect(kinds).toBe(`! isNull ( ${field} )`); // `*` alone: any value, the empty one too
    return;
  }
  const lit = tokens[tokens.length - 1]!;
  if (lit.kind === 'regex') {
    expect(kinds).toBe(`${field} matches regex`);
    const re = RE2JS.compile(lit.value);
    const { yes, no } = samples(text, s);
    for (const y of yes) {
      expect(re.matches(y), `${lit.value} on ${JSON.stringify(y)}`).toBe(true);
      if (!cased && /[a-z]/.test(y)) expect(re.matches(y.replace(/[a-z]/g, (c) => c.toUpperCase()))).toBe(true);
    }
    if (no !== '') expect(re.matches(no), `${lit.value} must not match ${JSON.stringify(no)}`).toBe(false);
    return;
  }
  expect(lit.kind).toBe('string');
  const lhs = cased ? field : `${lower} ( ${field} )`;
  const expected = cased ? text : text.toLowerCase();
  if (s === 'exact') {
    expect(kinds).toBe(`${lhs} = string`);
    expect(lit.value).toBe(expected);
  } else {
    expect(kinds).toBe(`${lhs} matches string`);
    expect(lit.value).toBe(wildcard(expected, s));
  }
}

/** Test rules have a log source the Cloud SIEM catalog does not map: the scope option scopes them. */
const CSE_SCOPE = "metadata_vendor = 'Test'";

describe('injection safety (fast-check)', () => {
  test('log search: field values stay inside their literal', () => {
    fc.assert(
      fc.property(valueText, shape, fc.boolean(), (text, s, cased) => {
        const r = sumo.convert(collectionOf(ruleWith('F', stringValue(text, s, cased))), { options: { scope: '_sourceCategory=x' } });
        expect(r.diagnostics).toEqual([]);
        const q = r.rules[0]!.queries[0]!;
        expect(validateSumoQuery(q)).toEqual([]);
        expect(q.split('\n')).toHaveLength(5); // assumption comment, scope, json, where, sort: no stage injected, no line broken
        checkDecoded(whereTokens(q, true), 'F', text, s, cased, 'toLowerCase');
      }),
      { numRuns: 1500 },
    );
  });

  test('CSE: field values stay inside their literal', () => {
    fc.assert(
      fc.property(valueText, shape, fc.boolean(), (text, s, cased) => {
        const r = sumoCse.convert(collectionOf(ruleWith('commandLine', stringValue(text, s, cased))), { options: { scope: CSE_SCOPE } });
        expect(r.diagnostics).toEqual([]);
        const q = r.rules[0]!.queries[0]!;
        expect(validateCseExpression(q)).toEqual([]);
        expect(q).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(q.startsWith(`${CSE_SCOPE} and (`) && q.endsWith(')')).toBe(true);
        // CSE has no quoted wildcard form: non-exact values are always regexes.
        checkDecoded(whereTokens(q.slice(`${CSE_SCOPE} and (`.length, -1), false), 'fields [ string ]' /* fields['commandLine'] */, text, s, cased, 'lower');
      }),
      { numRuns: 1500 },
    );
  });

  test('log search: keywords become one scope term or one _raw regex', () => {
    fc.assert(
      fc.property(valueText, (text) => {
        const r = sumo.convert(collectionOf(ruleWith(null, stringValue(text, 'exact'))), { options: { scope: '_sourceCategory=x' } });
        expect(r.diagnostics).toEqual([]);
        const q = r.rules[0]!.queries[0]!;
        expect(validateSumoQuery(q)).toEqual([]);
        const tokens = tokenize(q, { scope: true });
        const scopeEnd = tokens.findIndex((t) => t.kind === 'pipe');
        const scope = tokens.slice(0, scopeEnd);
        // The test rule's messages are JSON: the keyword is searched as the message holds it, JSON-escaped.
        const held = JSON.stringify(text).slice(1, -1);
        if (scope.length > 4) {
          // (_sourceCategory=x) AND "<text>"
          expect(scope.map((t) => t.kind)).toEqual(['lparen', 'term', 'rparen', 'term', 'string']);
          expect(scope[4]!.value).toBe(held);
        } else {
          const w = whereTokens(q, true);
          expect(w.map((t) => t.kind)).toEqual(['ident', 'ident', 'regex']);
          const re = RE2JS.compile(w[2]!.value);
          expect(re.matches(`<${held}>`)).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });

  test('log search: field names are either identifiers or safe JSON paths', () => {
    fc.assert(
      fc.property(fc.oneof(valueText, fc.constantFrom('and', 'OR', 'in', 'matches', 'not', 'as', 'by', 'nodrop', 'a.b', '_raw')), fc.boolean(), (name, fer) => {
        const options = { scope: '_sourceCategory=x', ...(fer ? { extraction: 'fer' } : {}) };
        const r = sumo.convert(collectionOf(ruleWith(name, stringValue('v', 'exact'))), { options });
        if (r.rules.length === 0) {
          expect(r.diagnostics.map((d) => d.code)).toEqual(['backend/unsupported-value']);
          return;
        }
        const q = r.rules[0]!.queries[0]!;
        expect(validateSumoQuery(q)).toEqual([]);
        // FER: scope, where, sort; json: the assumption comment too, and the json stage unless the field is built in.
        expect(q.split('\n')).toHaveLength(fer ? 3 : /^_[A-Za-z0-9_]*$/.test(name) ? 4 : 5);
        // The where stage is exactly: toLowerCase ( <one field token> ) = "v"
        const w = whereTokens(q, true);
        expect(w.map((t) => t.kind)).toEqual(['ident', 'lparen', w[2]!.kind === 'field-ref' ? 'field-ref' : 'ident', 'rparen', 'op', 'string']);
        if (w[2]!.kind === 'field-ref') expect(w[2]!.value).toBe(name);
      }),
      { numRuns: 800 },
    );
  });
});

describe('|re values keep their meaning', () => {
  const atom = fc.constantFrom('a', 'b', '/', '\\\\', '\\/', '\\.', '.', '*', '+', '?', '|', '^', '$', '(', ')', '[', ']', '[^/]', '\\d', '\n', '"');
  const pattern = fc.array(atom, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const subject = fc.array(fc.constantFrom('a', 'b', '/', '\\', '.', '1', '\n', '"', 'A'), { maxLength: 8 }).map((a) => a.join(''));
  test('emitted regex ≡ Sigma regex (match anywhere), for every pattern RE2 accepts', () => {
    fc.assert(
      fc.property(pattern, fc.array(subject, { minLength: 1, maxLength: 6 }), fc.boolean(), (p, subjects, ignoreCase) => {
        let own: RE2JS;
        try {
          own = RE2JS.compile(ignoreCase ? `(?i)${p}` : p);
        } catch {
          return; // not RE2: the backend reports it (tested in the feature tables)
        }
        const rule = ruleWith('F', stringValue('x', 'exact'));
        const value = { kind: 'regex' as const, pattern: p, flags: { ignoreCase, multiline: false, dotAll: false }, placeholders: [], loc: rule.loc };
        const item = { ...rule.detections[0]!.body.items[0]!, values: [value] };
        const withRe = { ...rule, detections: [{ ...rule.detections[0]!, body: { ...rule.detections[0]!.body, items: [item] } }] };
        for (const backend of [sumo, sumoCse]) {
          const r = backend.convert(collectionOf(withRe), { options: { scope: backend === sumo ? '_sourceCategory=x' : CSE_SCOPE } });
          expect(r.diagnostics).toEqual([]);
          const q = r.rules[0]!.queries[0]!;
          expect(backend.validate(q)).toEqual([]);
          const regex = tokenize(q, { scope: backend === sumo }).find((t) => t.kind === 'regex')!;
          const ours = RE2JS.compile(regex.value);
          for (const s of subjects) expect(ours.matches(s), `${p} vs ${regex.value} on ${JSON.stringify(s)}`).toBe(own.matcher(s).find());
        }
      }),
      { numRuns: 1000 },
    );
  });
});
