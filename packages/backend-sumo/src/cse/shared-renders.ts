import type { Expr, ScalarValue } from '@sigmats/core';
import type { Result } from '@sigmats/text-query';
import type { CseField, FieldResolver } from './fields.js';

/**
 * One rule rendered for several event types (Sysmon 12/13/14, Sysmon 1 and Security 4688, …): a render reads the
 * event type only through its resolver, so an event type whose resolver answers every question the render of an
 * earlier one asked with the same field gets that render's text without rendering again (a fifth of the corpus's
 * event-type renders had an earlier one's text, in a count over rules/).
 */
export class SharedRenders {
  private readonly done: { readonly expr: Expr; readonly asked: readonly Question[]; readonly result: Result<string> }[] = [];

  constructor(private readonly render: (resolve: FieldResolver, expr: Expr) => Result<string>) {}

  of(expr: Expr, resolve: FieldResolver): Result<string> {
    for (const d of this.done) {
      if (d.expr === expr && d.asked.every(([field, values, answer]) => sameField(resolve(field, values), answer))) return d.result;
    }
    const asked: Question[] = [];
    const result = this.render((field, values) => {
      const answer = resolve(field, values);
      asked.push([field, values, answer]);
      return answer;
    }, expr);
    this.done.push({ expr, asked, result });
    return result;
  }
}

type Question = readonly [field: string, values: readonly ScalarValue[], answer: CseField];

function sameField(a: CseField, b: CseField): boolean {
  switch (a.kind) {
    case 'normalized':
      return b.kind === 'normalized' && a.name === b.name && a.numeric === b.numeric;
    case 'raw':
      return b.kind === 'raw' && a.key === b.key;
    case 'hashes': {
      if (b.kind !== 'hashes') return false;
      const keys = Object.keys(a.fields);
      return keys.length === Object.keys(b.fields).length && keys.every((k) => a.fields[k] === b.fields[k]);
    }
    case 'event-id':
      return b.kind === 'event-id' && a.channels.length === b.channels.length && a.channels.every((c, i) => c === b.channels[i]);
    case 'either':
      return JSON.stringify(a) === JSON.stringify(b);
  }
}
