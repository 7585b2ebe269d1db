import type { Expr, StringValue } from '@sigmats/core';
import { stringShape } from '@sigmats/core';

/**
 * Google Workspace in Cloud SIEM: the catalog's Google Workspace mappings read Admin SDK Reports API activities
 * (`id.applicationName`, `events.name`, `actor.email`: mappings ec2dad63, 34e51720), whose application is named
 * `admin`, `login`, … where Sigma's rules (Cloud Logging names) test `eventService: admin.googleapis.com`.
 */

/** Sigma's Workspace field names as Reports API record keys. */
export function workspaceKey(field: string): string {
  return field === 'eventName' ? 'events.name' : field;
}

const SERVICE = /^([a-z_]+)\.googleapis\.com$/;

/**
 * `eventService` tests with an exact `<application>.googleapis.com` value, as tests of `id.applicationName` against
 * `<application>`; other eventService tests are left as written (they read a key the record does not have).
 */
export function workspaceExpr(e: Expr): Expr {
  switch (e.kind) {
    case 'and':
    case 'or':
      return { ...e, operands: e.operands.map(workspaceExpr) };
    case 'not':
      return { ...e, operand: workspaceExpr(e.operand) };
    case 'match': {
      if (e.field !== 'eventService' || e.value.kind !== 'string') return e;
      const { shape, text } = stringShape(e.value);
      const app = shape === 'exact' ? SERVICE.exec(text.toLowerCase())?.[1] : undefined;
      if (app === undefined) return e;
      const value: StringValue = { ...e.value, parts: [{ kind: 'literal', text: app }] };
      return { ...e, field: 'id.applicationName', value };
    }
    default:
      return e;
  }
}
