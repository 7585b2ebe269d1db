// `*_cond_expr` strings: `name and not (other or third)` over named conditions.
import type { CondExpr } from './types.js';

export function parseCondExpr(text: string, names: readonly string[]): { expr: CondExpr; used: Set<string> } | { error: string } {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  let i = 0;
  const used = new Set<string>();
  const fail = (msg: string): never => {
    throw new SyntaxError(msg);
  };
  const orExpr = (): CondExpr => {
    const ops = [andExpr()];
    while (tokens[i]?.toLowerCase() === 'or') {
      i++;
      ops.push(andExpr());
    }
    return ops.length === 1 ? ops[0]! : { kind: 'or', operands: ops };
  };
  const andExpr = (): CondExpr => {
    const ops = [notExpr()];
    while (tokens[i]?.toLowerCase() === 'and') {
      i++;
      ops.push(notExpr());
    }
    return ops.length === 1 ? ops[0]! : { kind: 'and', operands: ops };
  };
  const notExpr = (): CondExpr => {
    if (tokens[i]?.toLowerCase() === 'not') {
      i++;
      return { kind: 'not', operand: notExpr() };
    }
    return atom();
  };
  const atom = (): CondExpr => {
    const t = tokens[i++];
    if (t === undefined) return fail('unexpected end of expression');
    if (t === '(') {
      const e = orExpr();
      if (tokens[i++] !== ')') fail("missing ')'");
      return e;
    }
    if (t === ')' || ['and', 'or', 'not'].includes(t.toLowerCase())) return fail(`unexpected '${t}'`);
    const index = names.indexOf(t);
    if (index < 0) return fail(`unknown condition '${t}' (defined: ${names.join(', ') || 'none'})`);
    used.add(t);
    return { kind: 'cond', index };
  };
  try {
    if (tokens.length > 1000) return { error: 'expression too long' };
    const expr = orExpr();
    if (i < tokens.length) return { error: `unexpected '${tokens[i]}'` };
    return { expr, used };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
