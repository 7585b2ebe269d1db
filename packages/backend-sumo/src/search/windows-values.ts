import type { Expr, ScalarValue } from '@sigmats/core';
import { diagnostic, stringShape } from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';

/**
 * Header values the Windows JSON collection format writes by name, not number: Sumo's sample JSON event has
 * `"Level":"Informational"` and `"Keywords":"Audit Success"` (SOURCES.md, windows-json). Sigma rules give the numbers
 * the event XML holds (`Level: 2`, `Keywords: '0x8010000000000000'`), so a test of those is a test of the name.
 * Level names other than 4 are the Windows event level names (winmeta.xml: win:Critical 1, win:Error 2,
 * win:Warning 3, win:Verbose 5); level 0 (LogAlways) is shown as Informational as well (assumption).
 */
const LEVEL_NAMES: Readonly<Record<string, string>> = { '0': 'Informational', '1': 'Critical', '2': 'Error', '3': 'Warning', '4': 'Informational', '5': 'Verbose' };
const KEYWORD_NAMES: Readonly<Record<string, string>> = { '0x8020000000000000': 'Audit Success', '0x8010000000000000': 'Audit Failure' };

function named(field: string, v: ScalarValue): ScalarValue | undefined {
  const table = field === 'Level' ? LEVEL_NAMES : field === 'Keywords' ? KEYWORD_NAMES : undefined;
  if (!table) return undefined;
  let key: string | undefined;
  if (v.kind === 'number' && Number.isInteger(v.value)) key = String(v.value);
  else if (v.kind === 'string' && stringShape(v).shape === 'exact') key = stringShape(v).text.toLowerCase();
  const name = key === undefined ? undefined : table[key];
  return name === undefined ? undefined : { kind: 'string', parts: [{ kind: 'literal', text: name }], cased: false, loc: v.loc };
}

/** Level values the JSON format writes under one name (0 and 4: Informational): a test cannot tell them apart. */
const SHARED_NAME = new Set(['0', '4']);

function levelKey(v: ScalarValue): string | undefined {
  if (v.kind === 'number' && Number.isInteger(v.value)) return String(v.value);
  if (v.kind === 'string' && stringShape(v).shape === 'exact') return stringShape(v).text;
  return undefined;
}

/**
 * The rule's Level/Keywords tests as tests of the names the JSON format writes. A test of level 0 or 4 is refused:
 * both are written Informational, so the query would take the other level's events too.
 */
export function windowsJsonValues(e: Expr): Result<Expr> {
  switch (e.kind) {
    case 'and':
    case 'or': {
      // Subtrees without Level/Keywords tests are kept, not copied (every Windows rule comes through here).
      const operands: Expr[] = [];
      let changed = false;
      for (const o of e.operands) {
        const r = windowsJsonValues(o);
        if (!r.ok) return r;
        operands.push(r.value);
        if (r.value !== o) changed = true;
      }
      return ok(changed ? { ...e, operands } : e);
    }
    case 'not': {
      const r = windowsJsonValues(e.operand);
      return r.ok ? ok(r.value === e.operand ? e : { ...e, operand: r.value }) : r;
    }
    case 'match': {
      if (e.field === 'Level' && SHARED_NAME.has(levelKey(e.value) ?? '')) {
        return fail(
          diagnostic(
            'backend/unsupported-value',
            `Level ${levelKey(e.value)}: the Windows JSON collection format writes levels 0 and 4 both as "Informational", so a query cannot tell them apart`,
            e.loc,
          ),
        );
      }
      const v = named(e.field, e.value);
      return ok(v ? { ...e, value: v } : e);
    }
    default:
      return ok(e);
  }
}
