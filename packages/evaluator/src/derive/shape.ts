/**
 * How a product's records hold Sigma's dotted field names. For products whose logs are JSON documents (CloudTrail,
 * Azure, GCP, Kubernetes audit, Okta, GitHub, ...) Sigma's `objectRef.resource` is the path objectRef -> resource:
 * the vendor writes `{"objectRef": {"resource": "pods"}}`, never a key with a dot in it. A derived event written with
 * flat dotted keys would be a record no such vendor produces, and it would hide queries that read the literal key
 * (`json "objectRef.resource"` over a nested object, `fields['a.b']` over a flattened one) from the differential.
 *
 * Nesting is done here, once, rather than in every record builder: only the rule knows that `a.b` is a path (a flat
 * event cannot tell a path from a key that really has a dot), and the evaluator reads both forms the same way
 * (`exact-then-path`), so the verdict does not change. Products whose records really have dotted keys stay flat:
 * Windows (flattenWindowsEvent's names), Zeek (its JSON writer names record fields `id.orig_h`), Linux auditd and
 * syslog (key=value text), network/web logs (W3C/CEF names).
 */
const NESTED_JSON_PRODUCTS: ReadonlySet<string> = new Set([
  'aws', 'azure', 'gcp', 'google_workspace', 'm365', 'okta', 'onelogin', 'github', 'bitbucket', 'kubernetes',
]);

export function nestedProduct(product: string | undefined): boolean {
  return product !== undefined && NESTED_JSON_PRODUCTS.has(product);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The event with dotted keys turned into nested objects. A key whose prefix is already a scalar (the rule tests
 * both `a` and `a.b`) stays flat, since no nested record can hold both.
 */
export function nestEvent(event: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const flat: [string, unknown][] = [];
  // Plain keys first, so a scalar `a` is known before `a.b` is placed.
  const entries = Object.entries(event).sort((x, y) => Number(x[0].includes('.')) - Number(y[0].includes('.')));
  for (const [key, value] of entries) {
    if (!key.includes('.')) {
      out[key] = value;
      continue;
    }
    const parts = key.split('.');
    let cur = out;
    let ok = parts.every((p) => p.length > 0);
    for (let i = 0; ok && i < parts.length - 1; i++) {
      const next = cur[parts[i]!];
      if (next === undefined) cur = cur[parts[i]!] = {};
      else if (isObject(next)) cur = next;
      else ok = false;
    }
    const last = parts[parts.length - 1]!;
    if (!ok || (last in cur && isObject(cur[last]) !== isObject(value))) flat.push([key, value]);
    else cur[last] = value;
  }
  for (const [k, v] of flat) out[k] = v;
  return out;
}
