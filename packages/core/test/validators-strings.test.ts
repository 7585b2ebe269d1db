// The four string validators (double_wildcard, number_as_string, control_character, escaped_wildcard) share one
// walk per rule. Held here to a plain walk per validator (what each did on its own before), over random values that
// mix the cases each one looks for, several values and items per rule, and windash expansions.
import { describe, expect, it } from 'vitest';
import { parseSigma, type SigmaDocument, type SigmaRule } from '@sigmats/core';
import { validateDocuments, type ValidatorSelection } from '@sigmats/core/validators';
import type { DetectionElement, DetectionItem } from '../src/ir/detection.js';
import type { ScalarValue, StringValue } from '../src/ir/values.js';
import { baseName } from '../src/validators/walk.js';

const NAMES = ['double_wildcard', 'number_as_string', 'control_character', 'escaped_wildcard'] as const;
const SELECTION: ValidatorSelection = { enabled: new Set(NAMES), exclusions: new Map(), params: new Map() };

function items(rule: SigmaRule): DetectionItem[] {
  const out: DetectionItem[] = [];
  const visit = (e: DetectionElement): void => {
    if (e.kind === 'item') out.push(e);
    else e.items.forEach(visit);
  };
  rule.detections.forEach((d) => visit(d.body));
  return out;
}

const shown = (v: StringValue): string =>
  v.parts.map((p) => (p.kind === 'literal' ? p.text.replace(/[*?\\]/g, (c) => `\\${c}`) : p.kind === 'wildcard-multi' ? '*' : p.kind === 'wildcard-single' ? '?' : `%${p.name}%`)).join('');

/** Each validator's test on one value, as each validator wrote it. */
const TESTS: Record<(typeof NAMES)[number], (v: StringValue) => string | undefined> = {
  double_wildcard: (v) => (v.parts.some((p, i) => p.kind === 'wildcard-multi' && v.parts[i + 1]?.kind === 'wildcard-multi') ? `'${shown(v)}' has consecutive * wildcards` : undefined),
  number_as_string: (v) => {
    const only = v.parts.length === 1 ? v.parts[0] : undefined;
    return only?.kind === 'literal' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(only.text) && !only.text.includes(' ') ? `'${only.text}' is a number written as a string` : undefined;
  },
  control_character: (v) => (v.parts.some((p) => p.kind === 'literal' && /[\u0000-\u001f]/.test(p.text)) ? 'value holds a control character (a single backslash in a double-quoted YAML string?)' : undefined),
  escaped_wildcard: (v) => (v.parts.some((p) => p.kind === 'literal' && /[*?]/.test(p.text)) ? `'${shown(v)}' holds an escaped wildcard` : undefined),
};

/** `validator line:col message` per finding, one walk per validator, the first failing value of each item. */
function reference(docs: readonly SigmaDocument[]): string[] {
  const out: string[] = [];
  for (const name of NAMES) {
    for (const doc of docs) {
      if (doc.kind !== 'rule') continue;
      for (const item of items(doc)) {
        const values: ScalarValue[] = item.values.flatMap((v) => (v.kind === 'expansion' ? v.values : [v]));
        for (const v of values) {
          if (v.kind !== 'string') continue;
          const m = TESTS[name](v);
          if (m !== undefined) {
            out.push(`${name} ${v.loc.line}:${v.loc.column} ${m}`);
            break;
          }
        }
      }
    }
  }
  return out;
}

function actual(docs: readonly SigmaDocument[]): string[] {
  return validateDocuments(docs, { selection: SELECTION }).map((d) => `${d.code.slice('validator/'.length)} ${d.line}:${d.column} ${d.message.replace(/ \[\w+\]$/, '')}`);
}

// Pieces of values: plain text, wildcards, escaped wildcards, control characters (YAML double-quoted escapes),
// numbers with signs, underscores and spaces, placeholders.
const PIECES = ['a', 'cmd.exe', '*', '**', '?', '\\\\*', '\\\\?', '\\t', '\\x01', '\\u001f', '42', '-7', '+1_000', ' 12 ', '1__2', '%var%', '\\\\', ' ', '_', '0x10'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomRule(next: () => number, n: number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const value = (): string => `"${Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(PIECES)).join('')}"`;
  const modifiers = ['', '|contains', '|endswith', '|windash', '|contains|windash', '|expand', '|all', '|cased'];
  const lines: string[] = [];
  const selections = 1 + Math.floor(next() * 3);
  for (let s = 0; s < selections; s++) {
    lines.push(`    sel${s}:`);
    const fields = 1 + Math.floor(next() * 3);
    for (let f = 0; f < fields; f++) {
      const count = Math.floor(next() * 4);
      const key = `F${f}${pick(modifiers)}`;
      if (count === 0) lines.push(`        ${key}: ${next() < 0.5 ? value() : Math.floor(next() * 100)}`);
      else {
        lines.push(`        ${key}:`);
        for (let i = 0; i < count; i++) lines.push(`            - ${next() < 0.85 ? value() : Math.floor(next() * 100)}`);
      }
    }
  }
  return `title: Random ${n}\nid: 00000000-0000-4000-8000-${String(n).padStart(12, '0')}\nlogsource:\n    product: windows\ndetection:\n${lines.join('\n')}\n    condition: 1 of sel*\n`;
}

describe('string validators', () => {
  it('report what one walk per validator reports, over random values', () => {
    const next = rng(20261205);
    const docs: SigmaDocument[] = [];
    for (let n = 0; n < 600; n++) {
      const r = parseSigma(randomRule(next, n), `rules/random_rule_${n}.yml`);
      docs.push(...r.documents);
    }
    const expected = reference(docs);
    // Every validator has findings in this set, and some items have several failing values.
    for (const name of NAMES) expect(expected.some((l) => l.startsWith(`${name} `))).toBe(true);
    expect(actual(docs)).toEqual(expected);
  });

  it('baseName is the last part of a split on either separator', () => {
    for (const f of ['', 'a', '/', '\\', 'a/b', 'a\\b', 'x/y\\z.yml', 'x\\y/z.yml', 'dir/', '<stdin>', 'c:\\rules\\a_b.yml', '/r/a/b_c.yml']) {
      expect(baseName(f)).toBe(f.split(/[\\/]/).pop());
    }
  });
});
