import { RE2JS } from 're2js';
import { tokenize, type Token } from '../src/index.js';

/**
 * A small evaluator for the expression subset our backends emit (Sumo `where` and CSE expressions), used to run the
 * emitted queries on fixture events. `regexMode` decides how `matches /re/` is read, since Sumo does not document it
 * (whole value or anywhere): our regexes must give the same answer either way.
 */

export type Value = string | number | boolean | null;
export type Record_ = (name: string) => Value;

export interface EvalOptions {
  readonly regexMode: 'whole' | 'anywhere';
}

type Node =
  | { k: 'lit'; v: Value }
  | { k: 'field'; name: string }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'not'; x: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'in'; x: Node; list: Node[] }
  | { k: 'wild'; x: Node; re: RegExp }
  | { k: 're'; x: Node; re: RE2JS };

export function parseExpression(text: string): Node {
  const t = tokenize(text, { scope: false });
  let i = 0;
  const peek = (): Token | undefined => t[i];
  const word = (w: string): boolean => peek()?.kind === 'ident' && peek()!.value.toLowerCase() === w;
  const op = (o: string): boolean => peek()?.kind === 'op' && peek()!.value === o;
  const expect = (kind: Token['kind']): Token => {
    const x = t[i++];
    if (x?.kind !== kind) throw new Error(`expected ${kind} at ${x?.start ?? 'end'} in ${text}`);
    return x;
  };
  const or = (): Node => {
    let a = and();
    while (word('or')) {
      i++;
      a = { k: 'bin', op: 'or', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = not();
    while (word('and')) {
      i++;
      a = { k: 'bin', op: 'and', a, b: not() };
    }
    return a;
  };
  const not = (): Node => {
    if (op('!')) {
      i++;
      return { k: 'not', x: not() };
    }
    return cmp();
  };
  const cmp = (): Node => {
    const x = primary();
    const p = peek();
    if (p?.kind === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(p.value)) {
      i++;
      return { k: 'bin', op: p.value, a: x, b: primary() };
    }
    if (word('matches')) {
      i++;
      const v = t[i++]!;
      if (v.kind === 'regex') return { k: 're', x, re: RE2JS.compile(v.value) };
      if (v.kind === 'string') return { k: 'wild', x, re: wildcard(v.value) };
      throw new Error('matches operand');
    }
    if (word('in')) {
      i++;
      expect('lparen');
      const list: Node[] = [primary()];
      while (peek()?.kind === 'comma') {
        i++;
        list.push(primary());
      }
      expect('rparen');
      return { k: 'in', x, list };
    }
    return x;
  };
  const primary = (): Node => {
    const x = t[i++];
    if (!x) throw new Error(`unexpected end of ${text}`);
    if (x.kind === 'string') return { k: 'lit', v: x.value };
    if (x.kind === 'number') return { k: 'lit', v: Number(x.value) };
    if (x.kind === 'lparen') {
      const e = or();
      expect('rparen');
      return e;
    }
    if (x.kind === 'field-ref') return { k: 'field', name: x.value };
    if (x.kind === 'ident') {
      if (peek()?.kind === 'lparen') {
        i++;
        const args: Node[] = [];
        if (peek()?.kind !== 'rparen') {
          args.push(or());
          while (peek()?.kind === 'comma') {
            i++;
            args.push(or());
          }
        }
        expect('rparen');
        return { k: 'call', name: x.value.toLowerCase(), args };
      }
      if (peek()?.kind === 'lbracket') {
        i++;
        const key = expect('string').value;
        expect('rbracket');
        return { k: 'field', name: `${x.value}[${key}]` };
      }
      return { k: 'field', name: x.value };
    }
    throw new Error(`unexpected ${x.kind} '${x.value}' at ${x.start} in ${text}`);
  };
  const e = or();
  if (i !== t.length) throw new Error(`trailing tokens at ${t[i]!.start} in ${text}`);
  return e;
}

const str = (v: Value): string | null => (v === null ? null : String(v));

/** A quoted matches pattern: only `*` is special, whole-value, case-sensitive. */
function wildcard(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`, 'u');
}

function ipv4(s: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  return m ? m.slice(1).reduce((acc, o) => acc * 256 + Number(o), 0) : undefined;
}

export function evaluate(n: Node, rec: Record_, opts: EvalOptions): Value {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'field':
      return rec(n.name);
    case 'not':
      return !truthy(evaluate(n.x, rec, opts));
    case 'bin': {
      if (n.op === 'and') return truthy(evaluate(n.a, rec, opts)) && truthy(evaluate(n.b, rec, opts));
      if (n.op === 'or') return truthy(evaluate(n.a, rec, opts)) || truthy(evaluate(n.b, rec, opts));
      const a = evaluate(n.a, rec, opts);
      const b = evaluate(n.b, rec, opts);
      if (a === null || b === null) return false;
      if (n.op === '=') return String(a) === String(b);
      if (n.op === '!=') return String(a) !== String(b);
      const x = Number(a);
      const y = Number(b);
      return n.op === '<' ? x < y : n.op === '<=' ? x <= y : n.op === '>' ? x > y : x >= y;
    }
    case 'in': {
      const v = str(evaluate(n.x, rec, opts));
      return v !== null && n.list.some((l) => str(evaluate(l, rec, opts)) === v);
    }
    case 'wild': {
      const v = str(evaluate(n.x, rec, opts));
      return v !== null && n.re.test(v);
    }
    case 're': {
      const v = str(evaluate(n.x, rec, opts));
      if (v === null) return false;
      return opts.regexMode === 'whole' ? n.re.matches(v) : n.re.matcher(v).find();
    }
    case 'call': {
      const args = n.args.map((a) => evaluate(a, rec, opts));
      switch (n.name) {
        case 'tolowercase':
        case 'lower':
          return args[0] === null ? null : String(args[0]).toLowerCase();
        case 'isempty':
          return args[0] === null || args[0] === '';
        case 'num':
          return args[0] === null ? null : Number(args[0]);
        case 'comparecidrprefix': {
          const [net, ip, len] = args.map(str);
          const a = ipv4(net ?? '');
          const b = ipv4(ip ?? '');
          if (a === undefined || b === undefined) return false;
          const shift = 32 - Number(len);
          return shift >= 32 || Math.floor(a / 2 ** shift) === Math.floor(b / 2 ** shift);
        }
        default:
          throw new Error(`function ${n.name} not in the evaluator`);
      }
    }
  }
}

function truthy(v: Value): boolean {
  return v === true;
}

export function matchesAll(expressions: readonly string[], rec: Record_, opts: EvalOptions): boolean {
  return expressions.every((e) => truthy(evaluate(parseExpression(e), rec, opts)));
}
