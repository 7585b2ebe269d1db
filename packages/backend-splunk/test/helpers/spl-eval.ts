import { tokenizeSpl, type SplToken } from '../../src/index.js';

/**
 * A tiny interpreter for the SPL subset this backend emits (search terms, `regex`, `where`), used to check
 * that emitted queries mean what the Sigma condition means. It encodes the documented Splunk semantics the
 * backend relies on:
 *  - search: NOT > OR > AND (AND implicit), `F="p*"` is a case-insensitive whole-value match with `*`,
 *    `F=*` needs a non-empty value, `NOT F=…` is true when F is missing;
 *  - where: NOT > AND > OR, a missing field is null, functions of null are null, `AND`/`OR`/`NOT` follow
 *    three-valued logic, and only events whose expression is true are kept.
 */
export type Event = Readonly<Record<string, string | undefined>>;
type V = string | number | boolean | null;

function wildcardRegex(pattern: string): RegExp {
  const src = pattern.split('*').map((s) => s.replace(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${src}$`, 'i');
}

function pcre(src: string): RegExp {
  let flags = '';
  const m = /^\(\?([ims]+)\)/.exec(src);
  if (m) {
    flags = m[1]!;
    src = src.slice(m[0].length);
  }
  // PCRE `\z` (end of subject) is JS `$` without the m flag.
  return new RegExp(src.replace(/(?<!\\)((?:\\\\)*)\\z$/, '$1$'), flags);
}

class Cursor {
  i = 0;
  constructor(readonly ts: readonly SplToken[]) {}
  peek(): SplToken | undefined {
    return this.ts[this.i];
  }
  next(): SplToken {
    const t = this.ts[this.i++];
    if (!t) throw new Error('unexpected end');
    return t;
  }
  isWord(w: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.value === w;
  }
  expect(kind: SplToken['kind']): SplToken {
    const t = this.next();
    if (t.kind !== kind) throw new Error(`expected ${kind}, got ${t.kind} ${t.text}`);
    return t;
  }
}

type Pred = (e: Event) => boolean;

function searchExpr(c: Cursor): Pred {
  const terms: Pred[] = [searchOr(c)];
  while (c.peek() && c.peek()!.kind !== 'rparen') {
    if (c.isWord('AND')) c.next();
    terms.push(searchOr(c));
  }
  return (e) => terms.every((t) => t(e));
}

function searchOr(c: Cursor): Pred {
  const terms: Pred[] = [searchNot(c)];
  while (c.isWord('OR')) {
    c.next();
    terms.push(searchNot(c));
  }
  return (e) => terms.some((t) => t(e));
}

function searchNot(c: Cursor): Pred {
  if (c.isWord('NOT')) {
    c.next();
    const p = searchNot(c);
    return (e) => !p(e);
  }
  if (c.peek()?.kind === 'lparen') {
    c.next();
    const p = searchExpr(c);
    c.expect('rparen');
    return p;
  }
  const f = c.next();
  const field = f.value;
  if (c.isWord('IN')) {
    c.next();
    c.expect('lparen');
    const values: Pred[] = [];
    for (;;) {
      values.push(term(field, c.next()));
      const sep = c.next();
      if (sep.kind === 'rparen') break;
    }
    return (e) => values.some((v) => v(e));
  }
  const op = c.expect('op').value;
  const v = c.next();
  if (op === '=') return term(field, v);
  const n = Number(v.value);
  return (e) => {
    const x = e[field];
    if (x === undefined || Number.isNaN(Number(x))) return false;
    const a = Number(x);
    return op === '>' ? a > n : op === '>=' ? a >= n : op === '<' ? a < n : a <= n;
  };
}

function term(field: string, v: SplToken): Pred {
  if (v.kind === 'word' && v.value === '*') return (e) => e[field] !== undefined && e[field] !== '';
  const re = wildcardRegex(v.value);
  return (e) => e[field] !== undefined && re.test(e[field]!);
}

// ---- where ----

function whereOr(c: Cursor): (e: Event) => V {
  let left = whereAnd(c);
  while (c.isWord('OR')) {
    c.next();
    const l = left;
    const r = whereAnd(c);
    left = (e) => {
      const a = l(e);
      const b = r(e);
      if (a === true || b === true) return true;
      return a === null || b === null ? null : false;
    };
  }
  return left;
}

function whereAnd(c: Cursor): (e: Event) => V {
  let left = whereNot(c);
  while (c.isWord('AND')) {
    c.next();
    const l = left;
    const r = whereNot(c);
    left = (e) => {
      const a = l(e);
      if (a === false) return false;
      const b = r(e);
      if (b === false) return false;
      return a === null || b === null ? null : true;
    };
  }
  return left;
}

function whereNot(c: Cursor): (e: Event) => V {
  if (c.isWord('NOT')) {
    c.next();
    const p = whereNot(c);
    return (e) => {
      const v = p(e);
      return v === null ? null : !v;
    };
  }
  const left = whereAtom(c);
  const t = c.peek();
  if (t?.kind === 'op') {
    c.next();
    const right = whereAtom(c);
    return (e) => {
      const a = left(e);
      const b = right(e);
      if (a === null || b === null) return null;
      switch (t.value) {
        case '==':
        case '=':
          return typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : a === b;
        case '!=':
          return a !== b;
        default: {
          const x = Number(a);
          const y = Number(b);
          return t.value === '>' ? x > y : t.value === '>=' ? x >= y : t.value === '<' ? x < y : x <= y;
        }
      }
    };
  }
  return left;
}

function whereAtom(c: Cursor): (e: Event) => V {
  const t = c.next();
  if (t.kind === 'lparen') {
    const p = whereOr(c);
    c.expect('rparen');
    return p;
  }
  if (t.kind === 'string') return () => t.value;
  if (t.kind === 'field') return (e) => e[t.value] ?? null;
  if (t.kind !== 'word') throw new Error(`unexpected ${t.kind} ${t.text}`);
  if (c.peek()?.kind === 'lparen' && c.peek()!.offset === t.offset + t.text.length) {
    c.next();
    const args: ((e: Event) => V)[] = [];
    if (c.peek()?.kind !== 'rparen') {
      for (;;) {
        args.push(whereOr(c));
        const sep = c.next();
        if (sep.kind === 'rparen') break;
      }
    } else c.next();
    return call(t.value, args);
  }
  if (/^-?\d+(\.\d+)?$/.test(t.value)) return () => Number(t.value);
  return (e) => e[t.value] ?? null;
}

function call(name: string, args: readonly ((e: Event) => V)[]): (e: Event) => V {
  switch (name) {
    case 'isnull':
      return (e) => args[0]!(e) === null;
    case 'isnotnull':
      return (e) => args[0]!(e) !== null;
    case 'lower':
      return (e) => {
        const v = args[0]!(e);
        return v === null ? null : String(v).toLowerCase();
      };
    case 'match':
      return (e) => {
        const v = args[0]!(e);
        const re = args[1]!(e);
        return v === null || re === null ? null : pcre(String(re)).test(String(v));
      };
    default:
      throw new Error(`function ${name} not modelled`);
  }
}

/** Does the event pass the whole pipeline? */
export function splMatches(query: string, event: Event): boolean {
  const tokens = tokenizeSpl(query);
  const segs: SplToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'pipe') segs.push([]);
    else segs[segs.length - 1]!.push(t);
  }
  const [first, ...rest] = segs;
  const c = new Cursor(first!);
  const all = first!.length === 1 && first![0]!.value === '*';
  const search = all ? () => true : searchExpr(c);
  if (!all && c.peek()) throw new Error(`trailing tokens in search: ${c.peek()!.text}`);
  if (!search(event)) return false;
  for (const seg of rest) {
    const [cmd, ...args] = seg;
    if (cmd!.value === 'regex') {
      const [f, op, re] = args;
      const v = event[f!.value];
      const hit = v !== undefined && pcre(re!.value).test(v);
      if (op!.value === '=' ? !hit : hit) return false;
    } else if (cmd!.value === 'where') {
      const wc = new Cursor(args);
      const p = whereOr(wc);
      if (wc.peek()) throw new Error(`trailing tokens in where: ${wc.peek()!.text}`);
      if (p(event) !== true) return false;
    } else throw new Error(`command ${cmd!.value} not modelled`);
  }
  return true;
}
