import { diagnostic } from '@sigmats/core';
import type { Expr, SigmaRule } from '@sigmats/core';
import { exprFields, fail, ok, type Result } from '@sigmats/text-query';
import { searchField } from '../render/literals.js';
import { renderCondition } from '../render/query.js';
import type { SplunkOptions } from '../options.js';

/**
 * The data_model format: one tstats search over an accelerated CIM data model.
 *   | tstats summariesonly=… allow_old_summaries=true fillnull_value="null" count min(_time) as firstTime
 *     max(_time) as lastTime from datamodel=<DM> where <cond over Obj.*> by <Obj.fields>
 *   | `drop_dm_object_name(<Obj>)` | convert timeformat=… ctime(firstTime) ctime(lastTime) [| where <post>]
 * tstats `where` has where precedence (every group is parenthesised) and no regex, so tests it cannot
 * express (regex, `?`/literal `*`, cased, fieldref) run as a `| where` post-filter on the grouped rows.
 * That is exact because every tested field is a `by` field; `fillnull_value="null"` keeps rows whose fields
 * are missing (tstats drops them otherwise), so the post-filter reads a missing field as the text "null".
 */
export function dataModelQuery(expr: Expr, rule: SigmaRule, state: Readonly<Record<string, unknown>>, o: SplunkOptions): Result<string> {
  const dm = state['splunk.datamodel'];
  const obj = state['splunk.datamodel_object'];
  if (typeof dm !== 'string' || typeof obj !== 'string') {
    return fail(
      diagnostic('backend/unsupported-feature', 'the data_model format needs a data model pipeline (use the cim pipeline)', rule.logsource.loc, {
        hint: 'convert with pipelines: [cim]',
      }),
    );
  }
  if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(dm) || !/^[A-Za-z0-9_]+$/.test(obj)) {
    return fail(diagnostic('backend/invalid-option', `invalid data model name in pipeline state: ${JSON.stringify(dm)} / ${JSON.stringify(obj)}`, rule.loc));
  }
  const parts = renderCondition(expr, o.scope, { stage: 'tstats', prefix: `${obj}.` });
  if (!parts.ok) return parts;
  const fields: string[] = [];
  // The rule's `fields:` join the by clause when the data model has them (splunk.datamodel_fields, if set).
  const known = state['splunk.datamodel_fields'];
  const inModel = (f: string): boolean => !Array.isArray(known) || known.includes(f);
  for (const f of [...exprFields(expr), ...rule.fields.filter(inModel)]) if (!fields.includes(f)) fields.push(f);
  if (fields.length === 0) fields.push('dest');
  const by: string[] = [];
  for (const f of fields) {
    const name = searchField(`${obj}.${f}`);
    if (name === undefined || name.startsWith('"')) {
      return fail(diagnostic('backend/unsupported-value', `field ${JSON.stringify(f)} cannot be a tstats by field`, rule.loc));
    }
    by.push(name);
  }
  let q =
    `| tstats summariesonly=${o.summariesOnly} allow_old_summaries=true fillnull_value="null" count min(_time) as firstTime max(_time) as lastTime` +
    ` from datamodel=${dm}` +
    (parts.value.search ? ` where ${parts.value.search}` : '') +
    ` by ${by.join(' ')}` +
    ` | \`drop_dm_object_name(${obj})\`` +
    ` | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime) ctime(lastTime)`;
  if (parts.value.where) q += ` | where ${parts.value.where}`;
  return ok(q, parts.warnings);
}
